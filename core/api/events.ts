import type { ApplicationStatus } from '../lifecycle';
import type { UpdateStatusView } from './update-methods';
import type { IdCardStatusView } from './id-card-methods';
import type { RatingRequestView, RatingView } from './rating-methods';
import type { DecisionView, SyncStatusView } from './views';

/**
 * What the station pushes to the UI without being asked: the one typed union every side uses — the station
 * emits it, Electron forwards it over IPC, the browser host over server-sent events, the renderer reads it.
 */
export type StationEvent =
  | { type: 'sync.status'; status: SyncStatusView }
  /** A township decision reached one of this village's applications (the home screen shows it). */
  | { type: 'decision.arrived'; applicationId: string; decision: DecisionView }
  /** One of this village's applications moved on without a decision (its notice period ran out). */
  | { type: 'application.moved'; applicationId: string; status: ApplicationStatus }
  /** Township: the feed brought new or changed applications of its villages (the worklist reloads). */
  | { type: 'applications.arrived'; count: number }
  /** The store's integrity check at start has its verdict (station/runtime/store-integrity.ts). */
  | { type: 'store.integrity'; state: 'ok' | 'failed' }
  /** App updates: checking, download progress (whole percents), ready to install (station/updates). */
  | { type: 'update.status'; status: UpdateStatusView }
  /** The ID card reader's state changed (a card placed or taken away, unplugged …): the top bar, and auto-read. */
  | { type: 'idCard.state'; status: IdCardStatusView }
  /** 好差评: a rating is asked for (the resident's screen shows it), or the request ended (null). */
  | { type: 'rating.asked'; request: RatingRequestView | null }
  /** 好差评: a rating was saved (on either screen) or declined (null): the other screen closes its request. */
  | { type: 'rating.done'; applicationId: string; stage: string; rating: RatingView | null };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * A pushed event as the renderer receives it (JSON text from the event stream, or a value from IPC), read
 * as a StationEvent: its type must be one of ours and its payload present; anything else is dropped. Both
 * transports carry only what the station emitted, so the payloads are not re-validated field by field.
 */
export function readStationEvent(raw: unknown): StationEvent | null {
  let v = raw;
  if (typeof raw === 'string') {
    try {
      v = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!isObject(v)) return null;
  switch (v.type) {
    case 'sync.status':
    case 'update.status':
    case 'idCard.state':
      return isObject(v.status) ? (v as StationEvent) : null;
    case 'decision.arrived':
      return typeof v.applicationId === 'string' && isObject(v.decision) ? (v as StationEvent) : null;
    case 'application.moved':
      return typeof v.applicationId === 'string' && typeof v.status === 'string' ? (v as StationEvent) : null;
    case 'store.integrity':
      return v.state === 'ok' || v.state === 'failed' ? (v as StationEvent) : null;
    case 'applications.arrived':
      return typeof v.count === 'number' ? (v as StationEvent) : null;
    case 'rating.asked':
      return v.request === null || isObject(v.request) ? (v as StationEvent) : null;
    case 'rating.done':
      return typeof v.applicationId === 'string' && typeof v.stage === 'string' && (v.rating === null || isObject(v.rating)) ? (v as StationEvent) : null;
    default:
      return null;
  }
}
