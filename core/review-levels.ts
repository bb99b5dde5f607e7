import { z } from 'zod';
import { addCalendarDays, calendarDaysBetween, shanghaiDate } from './calendar';
import { DaibanError } from './errors';
import type { ApplicationAction, ApplicationStatus } from './lifecycle';

/**
 * Multi-level review as catalog data (docs/review.md): an item's `levels` name the steps after the village's
 * acceptance. Three routes exist in the grassroots rules: the township decides alone (most items); the
 * township passes it up to the county; or the township passes it, it is posted on the village's notice
 * board for some days (公示), then the county approves (低保, 特困). The route of an application is the one of
 * the catalog version it was submitted under, so a catalog change never reroutes one under way.
 */

export const reviewLevelSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('township') }),
  /** 公示: calendar days, as the rules count them (《最低生活保障审核确认办法》第十九条: 公示期为7天). */
  z.object({ step: z.literal('notice'), days: z.number().int().min(1).max(30) }),
  z.object({ step: z.literal('county') }),
]);
export type ReviewLevel = z.infer<typeof reviewLevelSchema>;
export type ReviewStep = ReviewLevel['step'];

const ROUTES = ['township', 'township>county', 'township>notice>county'];

export const reviewLevelsSchema = z
  .array(reviewLevelSchema)
  .min(1)
  .max(3)
  .refine((l) => ROUTES.includes(l.map((s) => s.step).join('>')), {
    message: 'review levels are [township], [township, county] or [township, notice, county]',
  });
export type ReviewLevels = z.infer<typeof reviewLevelsSchema>;

export const SINGLE_LEVEL: ReviewLevels = [{ step: 'township' }];

export const STEP_LABEL: Record<ReviewStep | 'village', string> = {
  village: '村受理',
  township: '乡镇审核',
  notice: '公示',
  county: '县级审批',
};

/** Where an application stands on its route; null before the platform has it and once it is decided. */
export function stepOfStatus(status: ApplicationStatus): ReviewStep | null {
  switch (status) {
    case 'sent':
    case 'under_review':
    case 'needs_supplement':
    case 'supplemented':
      return 'township';
    case 'publicizing':
      return 'notice';
    case 'county_review':
      return 'county';
    default:
      return null;
  }
}

/** The lifecycle action that passes `step`: on to the next level, or final approval after the last. */
export function passAction(levels: ReviewLevels, step: ReviewStep): ApplicationAction {
  const at = levels.findIndex((l) => l.step === step);
  const next = at < 0 ? undefined : levels[at + 1];
  if (!next) return 'approve';
  return next.step === 'notice' ? 'publicize' : 'refer';
}

export function noticeDays(levels: ReviewLevels): number | null {
  const n = levels.find((l) => l.step === 'notice');
  return n && n.step === 'notice' ? n.days : null;
}

/** Who may decide: a township terminal at its own step (and may stop a notice on an upheld objection), a county at its. */
export type DecidingRole = 'township' | 'county';
export type ReviewDecision = 'approve' | 'reject' | 'request_supplement';

// The item's county body may be any department: the words name the step, not a department.
const STATUS_WORDS: Partial<Record<ApplicationStatus, string>> = {
  publicizing: '正在公示，公示期满后报县级审批',
  county_review: '已报县级审批，由县级审批部门决定',
};

/**
 * The lifecycle action a reviewer's decision stands for, or a Chinese refusal. Shared by the terminal
 * (before it writes) and the platform (which decides). Statuses outside the route fall to core/lifecycle.
 */
export function decisionAction(levels: ReviewLevels, status: ApplicationStatus, decision: ReviewDecision, role: DecidingRole): ApplicationAction {
  const step = stepOfStatus(status);
  const refuse = (message: string): never => {
    throw new DaibanError('FORBIDDEN', message, { status, decision, role });
  };
  if (role === 'county') {
    if (step === 'county') {
      if (decision === 'request_supplement') refuse('县级审批只能批准或不予批准，不能在系统中退回乡镇补正；如需补充材料，请联系乡镇通知村里补正');
      return decision;
    }
    if (step === 'township' || step === 'notice') refuse(`这件申请${step === 'notice' ? STATUS_WORDS.publicizing : '还在乡镇审核'}，县级暂不能审批`);
    return decision;
  }
  if (step === 'county') refuse(`这件申请${STATUS_WORDS.county_review}，乡镇不能再审核`);
  if (step === 'notice') {
    // During the notice the township may only stop it: an objection checked and upheld (公示有异议经核实).
    if (decision !== 'reject') refuse(`这件申请${STATUS_WORDS.publicizing}；公示期间如有异议经核实不符合条件，可以“不予通过”`);
    return 'reject';
  }
  return decision === 'approve' ? passAction(levels, 'township') : decision;
}

/**
 * The notice window for a township's pass accepted at `acceptedAt`: posted from the next day (the cadre puts
 * it up), `days` calendar days inclusive, ending at midnight (Asia/Shanghai) after its last day.
 */
export function noticeWindow(acceptedAt: string, days: number): { startsOn: string; endsOn: string; endsAt: string } {
  const startsOn = addCalendarDays(shanghaiDate(acceptedAt), 1);
  const endsOn = addCalendarDays(startsOn, days - 1);
  return { startsOn, endsOn, endsAt: noticeEndsAt(endsOn) };
}

/** Midnight (Asia/Shanghai) after a notice's last day, as an ISO instant. */
export function noticeEndsAt(endsOn: string): string {
  return new Date(`${addCalendarDays(endsOn, 1)}T00:00:00+08:00`).toISOString();
}

/** Statuses where each level has a decision to take (its worklist's 待审核). */
export const AWAITING_DECISION: Record<DecidingRole, readonly ApplicationStatus[]> = {
  township: ['sent', 'under_review', 'supplemented'],
  county: ['county_review'],
};

export type RouteStepState = 'done' | 'current' | 'todo' | 'stopped';
export interface RouteStep {
  step: ReviewStep | 'village';
  label: string;
  state: RouteStepState;
}

/**
 * The route as a person follows it (村受理 → 乡镇审核 → 公示 → 县级审批) and where the application stands.
 * `stoppedAt` is the step a rejection or withdrawal ended it at (known from its decisions), if any.
 */
export function routeSteps(levels: ReviewLevels, status: ApplicationStatus, stoppedAt: ReviewStep | null = null): RouteStep[] {
  const all: (ReviewStep | 'village')[] = ['village', ...levels.map((l) => l.step)];
  const onRoute = status === 'draft' || status === 'queued' ? 'village' : stepOfStatus(status);
  const approved = status === 'approved' || status === 'completed';
  // Off the route and not approved: rejected or withdrawn, at the step it ended (the township's if unknown).
  const at = approved ? all.length : all.indexOf(onRoute ?? stoppedAt ?? 'township');
  const here: RouteStepState = onRoute ? 'current' : 'stopped';
  return all.map((step, i) => ({ step, label: STEP_LABEL[step], state: i < at ? 'done' : i === at ? here : 'todo' }));
}

/** A notice's state as people see it: 公示中 (with the days left, today included), 公示期满, or stopped early. */
export function noticeState(
  n: { startsOn: string; endsOn: string; endedAt: string | null },
  status: ApplicationStatus,
  today: string,
): { state: 'running' | 'ended' | 'stopped'; daysLeft: number | null } {
  if (status === 'publicizing') {
    // Not posted yet (the day of the pass): all its days are left.
    const from = today < n.startsOn ? n.startsOn : today;
    return { state: 'running', daysLeft: Math.max(0, calendarDaysBetween(from, n.endsOn) + 1) };
  }
  return { state: n.endedAt ? 'ended' : 'stopped', daysLeft: null };
}
