import { DaibanError } from './errors';

/** The life of an application, as a pure transition function shared by terminal, platform and UI. */
export const APPLICATION_STATUSES = [
  'draft',
  'queued',
  'sent',
  'under_review',
  'needs_supplement',
  'supplemented',
  /** Passed by the township, on the village's notice board for the item's notice period (公示). */
  'publicizing',
  /** Passed by the township (and its notice), waiting for the county's approval (县级审批). */
  'county_review',
  'approved',
  'rejected',
  'withdrawn',
  'completed',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Under way: taken, and not yet decided for good (the promised date runs, except while a supplement is awaited). */
export const OPEN_STATUSES: readonly ApplicationStatus[] = APPLICATION_STATUSES.filter(
  (s) => !['draft', 'approved', 'rejected', 'withdrawn', 'completed'].includes(s),
);

export const APPLICATION_ACTIONS = [
  'submit',
  'acknowledge', // the platform accepted it
  'start_review',
  'request_supplement',
  'supplement',
  'approve',
  /** The township passes an item with a public notice (core/review-levels.ts). */
  'publicize',
  /** Up to the county: the township passes an item without a notice, or the notice period ends. */
  'refer',
  'reject',
  'withdraw',
  'complete',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export const STATUS_LABEL: Record<ApplicationStatus, string> = {
  draft: '草稿',
  queued: '待上报',
  sent: '已上报',
  under_review: '审核中',
  needs_supplement: '待补正',
  supplemented: '已补正',
  publicizing: '公示中',
  county_review: '待县级审批',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回',
  completed: '已办结',
};

export const ACTION_LABEL: Record<ApplicationAction, string> = {
  submit: '提交',
  acknowledge: '平台确认接收',
  start_review: '开始审核',
  request_supplement: '退回补正',
  supplement: '补正材料',
  approve: '审核通过',
  publicize: '审核通过，进入公示',
  refer: '报县级审批',
  reject: '不予通过',
  withdraw: '撤回',
  complete: '办结',
};

// The township's approval moves on by the item's levels: final, into the notice, or up to the county.
const decisions = {
  approve: 'approved',
  publicize: 'publicizing',
  refer: 'county_review',
  reject: 'rejected',
  request_supplement: 'needs_supplement',
} as const;
const withdraw = { withdraw: 'withdrawn' } as const;

/** Every legal move; anything not listed is refused. */
const MOVES: Record<ApplicationStatus, Partial<Record<ApplicationAction, ApplicationStatus>>> = {
  draft: { submit: 'queued', ...withdraw },
  queued: { acknowledge: 'sent', ...withdraw },
  sent: { start_review: 'under_review', ...decisions, ...withdraw },
  under_review: { ...decisions, ...withdraw },
  needs_supplement: { supplement: 'supplemented', ...withdraw },
  supplemented: { start_review: 'under_review', ...decisions, ...withdraw },
  // The notice ends (up to the county, or final for an item without a county step), or an objection upheld.
  publicizing: { refer: 'county_review', approve: 'approved', reject: 'rejected', ...withdraw },
  county_review: { approve: 'approved', reject: 'rejected', ...withdraw },
  approved: { complete: 'completed' },
  rejected: { complete: 'completed' },
  withdrawn: {},
  completed: {},
};

export function canTransition(from: ApplicationStatus, action: ApplicationAction): boolean {
  return MOVES[from]?.[action] !== undefined;
}

/** The actions allowed from a status, in a stable order (for buttons and messages). */
export function allowedActions(from: ApplicationStatus): ApplicationAction[] {
  return APPLICATION_ACTIONS.filter((a) => canTransition(from, a));
}

export function isFinal(status: ApplicationStatus): boolean {
  return allowedActions(status).length === 0;
}

export function transition(from: ApplicationStatus, action: ApplicationAction): ApplicationStatus {
  const to = MOVES[from]?.[action];
  if (to) return to;
  const status = STATUS_LABEL[from] ?? from;
  const act = ACTION_LABEL[action] ?? action;
  const allowed = MOVES[from] ? allowedActions(from) : [];
  const message =
    allowed.length === 0
      ? `“${status}”的申请不能再“${act}”`
      : `“${status}”的申请不能“${act}”，现在只能${allowed.map((a) => `“${ACTION_LABEL[a]}”`).join('或')}`;
  throw new DaibanError('ILLEGAL_TRANSITION', message, { from, action });
}
