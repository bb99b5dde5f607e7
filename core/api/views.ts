import type { ReviewDecision, RouteStep } from '../review-levels';
import type { TrendGranularity, TrendPoint } from '../stats/ledger';
import type { SupplementDiff, SupplementResponse } from '../supplement-diff';
import type { ReceiptVerdict } from '../receipt-code';
import type { CatalogItem, ReceivedMaterials } from '../catalog/model';
import type { ApplicationAction, ApplicationStatus } from '../lifecycle';
import type { Decision, SupplementItem } from '../sync/messages';
import type { HouseholdRelation } from '../households';

/** What StationApi methods return: plain JSON-safe data, the same over IPC and HTTP. */

/** it: county IT staff (运维), whose screens talk to the platform and need the network. */
export type Role = 'cadre' | 'reviewer' | 'admin' | 'it';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** IT set this password: the user chooses their own before anything else (the login leads there). */
  mustChangePassword: boolean;
}

export interface ServicePointView {
  name: string;
  divisionCode: string;
  terminalNo: number;
}

/** 适老化, per terminal: the type size and a high-contrast look, kept across restarts. */
export interface DisplaySettings {
  fontSize: 'standard' | 'large' | 'xlarge';
  highContrast: boolean;
}

export interface SessionView {
  user: UserView | null;
  servicePoint: ServicePointView;
  /** Minutes without input before the screen locks (the admin's setting; 5 unless changed). */
  idleLockMinutes: number;
  /** The screen is locked: only the logged-in user's password opens it again. */
  locked: boolean;
  display: DisplaySettings;
}

export interface ResidentView {
  id: string;
  idNumber: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  phone: string | null;
  address: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A search hit: the ID number is masked, as in every list. */
export interface ResidentSummary {
  id: string;
  name: string;
  idNumberMasked: string;
  gender: 'male' | 'female';
  birthDate: string;
  phone: string | null;
}

export interface CatalogItemSummary {
  code: string;
  name: string;
  department: string;
  type: CatalogItem['type'];
  promisedDays: number;
}

export interface ApplicationView {
  id: string;
  itemCode: string;
  itemName: string;
  catalogVersion: string;
  residentId: string;
  residentName: string;
  residentIdMasked: string;
  status: ApplicationStatus;
  form: Record<string, unknown>;
  materials: ReceivedMaterials;
  receiptNo: string | null;
  submittedAt: string | null;
  dueDate: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** The latest township decision that stands (approve / return for supplement / reject); null before one. */
  decision?: DecisionView | null;
}

export interface ApplicationEventView {
  id: string;
  at: string;
  type: string;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus | null;
  actorName: string;
  note: string | null;
}

export interface AttachmentView {
  id: string;
  sha256: string;
  fileName: string;
  mimeType: string;
  size: number;
  width: number | null;
  height: number | null;
  createdAt: string;
}

/** Where an application stands on its item's review route (core/review-levels.ts), with its notice (公示) if any. */
export interface RouteView {
  steps: RouteStep[];
  notice: { startsOn: string; endsOn: string; state: 'running' | 'ended' | 'stopped'; daysLeft: number | null } | null;
}

export interface ApplicationDetail extends ApplicationView {
  item: CatalogItem;
  route: RouteView;
  /** What the item's rules may know of the applicant (age in full years today, gender). */
  applicant: { age?: number; gender?: string };
  events: ApplicationEventView[];
  attachments: AttachmentView[];
}

export interface ApplicationPage {
  items: ApplicationView[];
  /** Pass as `before` to get the next page; null at the end. */
  nextCursor: string | null;
}

export interface PrinterView {
  id: string;
  name: string;
  kind: 'cups' | 'windows' | 'pdf';
  isDefault: boolean;
  /** The printer this kind of document went to last time on this terminal (the cadre's choice is kept). */
  lastUsed: boolean;
}

export interface StatsOverview {
  today: string;
  todayByItem: { itemCode: string; itemName: string; count: number }[];
  todayTotal: number;
  queueDepth: number;
  byStatus: Partial<Record<ApplicationStatus, number>>;
  dueSoon: ApplicationView[];
  overdue: ApplicationView[];
}

/** A message the platform refused: shown to the cadre with the platform's reason; it never blocks the queue. */
export interface SyncProblemView {
  messageId: string;
  kind: string;
  /** The application it concerns, when it concerns one. */
  applicationId: string | null;
  receiptNo: string | null;
  /** The platform's reason, in Chinese. */
  reason: string;
  at: string;
}

export type SyncPhase = 'idle' | 'probing' | 'blobs' | 'outbox' | 'changes' | 'heartbeat';

export interface SyncStatusView {
  enrolled: boolean;
  platformUrl: string | null;
  terminalId: string | null;
  role: 'village' | 'township' | 'county' | null;
  /** null until the first probe. */
  online: boolean | null;
  syncing: boolean;
  phase: SyncPhase;
  /** Of the current phase, when it can be counted. */
  progress: { done: number; total: number } | null;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** The last failure, in plain Chinese; null after a success. */
  lastError: string | null;
  /** Outbox messages not yet acknowledged by the platform. */
  pending: number;
  /** Attachments not yet fully uploaded. */
  pendingBlobs: number;
  /** When the agent tries next (backoff), if it is waiting. */
  nextAttemptAt: string | null;
  /** Refused messages; empty when nobody is logged in. */
  problems: SyncProblemView[];
}

/**
 * What a newly enrolled PC holds of its village after its first sync, and the village's other terminals as
 * the platform last heard from them: a PC replacing a dead one says what the old one never sent.
 */
export interface RecoveryView {
  residents: number;
  applications: number;
  /** Not closed yet (neither completed, withdrawn nor rejected and told). */
  openApplications: number;
  otherTerminals: { terminalNo: number; hostname: string | null; lastSeenAt: string; queueDepth: number | null; disabled: boolean }[];
}

/** A township decision as both sides show it. */
export interface DecisionView {
  id: string;
  decision: Decision;
  reason: string | null;
  supplement: { items: SupplementItem[]; note: string | null } | null;
  reviewerName: string;
  decidedAt: string;
  /** The level that took it: 乡镇审核 or 县级审批. */
  step: 'township' | 'county';
  /** The status it led to (a township's approval of a 低保 opens its notice); null on old records. */
  statusAfter: ApplicationStatus | null;
  /** The platform accepted it (final); false while it waits in the township's outbox. */
  synced: boolean;
}

/** One application in the township's worklist. */
export interface ReviewItemView {
  id: string;
  receiptNo: string;
  villageCode: string;
  villageName: string | null;
  itemCode: string;
  itemName: string;
  residentName: string;
  residentIdMasked: string;
  status: ApplicationStatus;
  submittedAt: string;
  /** 承诺时限: submittedAt + the item's promised working days. */
  dueDate: string;
  /** Working days until dueDate (negative: overdue by that many); while a supplement is awaited, as of the request. */
  workingDaysLeft: number;
  overdue: boolean;
  /** Awaiting a supplement: the promised time is stopped (补正期间不计入承诺时限). */
  duePaused: boolean;
  /**
   * The one-time-notice window (行政许可法 §32: a return for supplement must be told within 5 working days
   * of receipt, all at once): receivedAt + 5 working days, while the application awaits a decision; null after.
   */
  supplementDueDate: string | null;
  /** 'near': 1 working day or less left; 'passed': a return for supplement now is late (shown, not refused). */
  supplementDue: 'ok' | 'near' | 'passed' | null;
  latestDecision: DecisionView | null;
  /** The batch it came in (core/review-batch.ts): its handover list, or its village's day on no list. */
  batch: { id: string; label: string };
}

/** A batch in the township's worklist: what a village sent together. */
export interface ReviewBatchView {
  id: string;
  kind: 'list' | 'day';
  /** 交接清单 360781102201-20261206-01-01, or 2026-12-06 同步（无纸质材料）. */
  label: string;
  villageCode: string;
  villageName: string | null;
  /** When the list was made, or the day's first arrival. */
  at: string;
  total: number;
  /** Still awaiting a decision. */
  open: number;
  /** The township's confirmation of the paper, for a handover list. */
  confirmedAt: string | null;
}

/** What a decision on several applications did: each decided one, and each one that could not be, with why. */
export interface DecideManyResult {
  decided: { id: string; receiptNo: string; residentName: string; status: ApplicationStatus }[];
  refused: { id: string; receiptNo: string | null; residentName: string | null; reason: string }[];
}

export interface ReviewPage {
  items: ReviewItemView[];
  nextCursor: string | null;
}

export interface ReviewDetailView extends ReviewItemView {
  item: CatalogItem;
  resident: { name: string; idMasked: string; gender: 'male' | 'female'; birthDate: string; phone: string | null; address: string | null };
  form: Record<string, unknown>;
  materials: ReceivedMaterials;
  attachments: { sha256: string; fileName: string; mimeType: string; size: number; cached: boolean }[];
  decisions: DecisionView[];
  /** The replica's history (received, decided, supplemented …), oldest first. */
  events: { at: string; type: string; status: ApplicationStatus; actorName: string; note: string | null }[];
  /** What the latest supplement changed against the version reviewed before it, and each asked item's answer. */
  lastSupplement: { supplementedAt: string; diff: SupplementDiff; responses: SupplementResponse[] | null; note: string | null } | null;
  cadreName: string;
  route: RouteView;
  /** The decisions this terminal's level may take now (a county only at 县级审批, a township only rejects during 公示). */
  mayDecide: ReviewDecision[];
  /** What 审核通过 does here: final, into the notice, or up to the county (core/lifecycle's action). */
  approveAction: ApplicationAction | null;
}

export interface HandoverView {
  id: string;
  listNo: string;
  villageCode: string;
  villageName: string | null;
  createdAt: string;
  createdByName: string;
  applications: {
    applicationId: string;
    receiptNo: string;
    residentName: string;
    itemName: string;
    materials: { key: string; name: string; count: number }[];
  }[];
  /** Township's confirmation, when it came. */
  confirmedAt: string | null;
  confirmedByName: string | null;
  missing: { applicationId: string; materialKey: string; note: string | null }[];
  /** Waiting in the outbox (not yet on the platform). */
  synced: boolean;
}

export interface StatsReport {
  from: string;
  to: string;
  total: number;
  byItem: { itemCode: string; itemName: string; count: number }[];
  byStatus: Partial<Record<ApplicationStatus, number>>;
  byVillage: { villageCode: string; villageName: string | null; count: number }[];
  /** Mean working days from submission to decision, over decided applications in the range; null when none. */
  avgHandlingWorkingDays: number | null;
  /** Of the range's applications: decided (approved or rejected), and decided within the promised date. */
  decided: number;
  onTime: number;
  /** Submissions and decisions by week or month (core/stats/ledger.ts). */
  trend: { granularity: TrendGranularity; points: TrendPoint[] };
  overdue: {
    id: string;
    receiptNo: string;
    itemName: string;
    residentName: string;
    villageCode: string;
    villageName: string | null;
    dueDate: string;
    workingDaysOverdue: number;
  }[];
}

/** A household (户) with its members, each with their relation to the head; ID numbers masked as in every list. */
export interface HouseholdView {
  id: string;
  members: {
    residentId: string;
    name: string;
    idNumberMasked: string;
    gender: 'male' | 'female';
    birthDate: string;
    relation: HouseholdRelation;
  }[];
  updatedAt: string;
}

/** A scanned receipt code checked on this terminal (receipts.verify): the verdict, then what the code says. */
export interface ReceiptCheckView {
  verdict: ReceiptVerdict;
  /** The verdict as the reviewer reads it. */
  verdictLabel: string;
  receiptNo: string;
  /** The day the receipt was taken, from its number (YYYY-MM-DD). */
  acceptedOn: string;
  villageCode: string;
  /** The terminal that signed: its number, and its service point's name when this terminal knows it. */
  signer: { terminalNo: number; servicePointName: string | null };
  item: { code: string; name: string | null };
  /** First six and last four of the ID number, the rest starred. */
  idNumberMasked: string;
  /** The application under that receipt number here, when this terminal holds it. */
  application: { id: string; applicantName: string; status: ApplicationStatus; matchesCode: boolean } | null;
}
