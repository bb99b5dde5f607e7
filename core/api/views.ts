import type { CatalogItem, ReceivedMaterials } from '../catalog/model';
import type { ApplicationStatus } from '../lifecycle';

/** What StationApi methods return: plain JSON-safe data, the same over IPC and HTTP. */

export type Role = 'cadre' | 'reviewer' | 'admin';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface ServicePointView {
  name: string;
  divisionCode: string;
  terminalNo: number;
}

export interface SessionView {
  user: UserView | null;
  servicePoint: ServicePointView;
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

export interface ApplicationDetail extends ApplicationView {
  item: CatalogItem;
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
  role: 'village' | 'township' | null;
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
