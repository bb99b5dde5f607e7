import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ReceivedMaterials } from '../core/catalog/model';
import { OPEN_STATUSES, type ApplicationStatus } from '../core/lifecycle';
import type { ApplicationSubmitted } from '../core/sync/messages';
import type { BatchRef } from '../core/review-batch';
import type { SupplementDiff, SupplementResponse } from '../core/supplement-diff';
import { stmt } from './statements';

/** A township terminal's copy of one village application (migration 004). */
export interface ReviewRow {
  id: string;
  receiptNo: string;
  villageCode: string;
  itemCode: string;
  catalogVersion: string;
  status: ApplicationStatus;
  platformStatus: ApplicationStatus;
  resident: ApplicationSubmitted['resident'];
  form: Record<string, unknown>;
  materials: ReceivedMaterials;
  attachments: ApplicationSubmitted['attachments'];
  cadreName: string;
  submittedAt: string;
  dueDate: string;
  receivedAt: string;
  updatedAt: string;
}

interface RawReview {
  id: string;
  receipt_no: string;
  village_code: string;
  item_code: string;
  catalog_version: string;
  status: ApplicationStatus;
  platform_status: ApplicationStatus;
  resident: string;
  form: string;
  materials: string;
  attachments: string;
  cadre_name: string;
  submitted_at: string;
  due_date: string;
  received_at: string;
  updated_at: string;
}

const toRow = (r: RawReview): ReviewRow => ({
  id: r.id,
  receiptNo: r.receipt_no,
  villageCode: r.village_code,
  itemCode: r.item_code,
  catalogVersion: r.catalog_version,
  status: r.status,
  platformStatus: r.platform_status,
  resident: JSON.parse(r.resident) as ReviewRow['resident'],
  form: JSON.parse(r.form) as Record<string, unknown>,
  materials: JSON.parse(r.materials) as ReceivedMaterials,
  attachments: JSON.parse(r.attachments) as ReviewRow['attachments'],
  cadreName: r.cadre_name,
  submittedAt: r.submitted_at,
  dueDate: r.due_date,
  receivedAt: r.received_at,
  updatedAt: r.updated_at,
});

/** Inserts or overwrites every column (callers change a copy of the row). */
export function saveReview(db: Database, r: ReviewRow): void {
  stmt(
    db,
    `INSERT INTO review_applications (id, receipt_no, village_code, item_code, catalog_version, status, platform_status,
       resident, resident_name, form, materials, attachments, cadre_name, submitted_at, due_date, received_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET receipt_no = excluded.receipt_no, village_code = excluded.village_code,
       item_code = excluded.item_code, catalog_version = excluded.catalog_version, status = excluded.status,
       platform_status = excluded.platform_status, resident = excluded.resident, resident_name = excluded.resident_name,
       form = excluded.form, materials = excluded.materials, attachments = excluded.attachments,
       cadre_name = excluded.cadre_name, submitted_at = excluded.submitted_at, due_date = excluded.due_date,
       received_at = excluded.received_at, updated_at = excluded.updated_at`,
  ).run(
    r.id,
    r.receiptNo,
    r.villageCode,
    r.itemCode,
    r.catalogVersion,
    r.status,
    r.platformStatus,
    JSON.stringify(r.resident),
    r.resident.name,
    JSON.stringify(r.form),
    JSON.stringify(r.materials),
    JSON.stringify(r.attachments),
    r.cadreName,
    r.submittedAt,
    r.dueDate,
    r.receivedAt,
    r.updatedAt,
  );
}

export function findReview(db: Database, id: string): ReviewRow | null {
  const r = stmt<[string], RawReview>(db, 'SELECT * FROM review_applications WHERE id = ?').get(id);
  return r ? toRow(r) : null;
}

export function findReviewByReceiptNo(db: Database, receiptNo: string): ReviewRow | null {
  const r = stmt<[string], RawReview>(db, 'SELECT * FROM review_applications WHERE receipt_no = ?').get(receiptNo);
  return r ? toRow(r) : null;
}

export interface ReviewFilter {
  villageCode?: string;
  itemCode?: string;
  statuses?: readonly ApplicationStatus[];
  /** Open and due before this day (YYYY-MM-DD). */
  overdueBefore?: string;
  /** Keyset cursor: rows after (submittedAt, id). */
  after?: { submittedAt: string; id: string };
  /** One batch (core/review-batch.ts): the applications of a handover list, or a village's day on no list. */
  batch?: BatchRef;
  limit: number;
}

/** What the platform has and has not decided for good (a replica never holds `queued`). */
export const REVIEW_OPEN_STATUSES: readonly ApplicationStatus[] = OPEN_STATUSES.filter((s) => s !== 'queued');

/** The day (Asia/Shanghai) an application reached the township's replica, and whether it is on no handover list. */
const RECEIVED_DAY = "date(received_at, '+8 hours')";
const ON_NO_LIST = 'NOT EXISTS (SELECT 1 FROM handover_items i WHERE i.application_id = review_applications.id)';

export interface BatchRow {
  ref: BatchRef;
  /** The list's number, for a handover batch. */
  listNo: string | null;
  villageCode: string;
  /** When the list was made, or the day's first arrival. */
  at: string;
  total: number;
  /** Still awaiting this terminal's level's decision. */
  open: number;
  confirmedAt: string | null;
}

/**
 * The batches with something still to decide, and the most recent others, newest first: handover lists with
 * their applications as the replica has them, and each village's arrivals of a day that are on no list.
 */
export function listBatches(db: Database, limit: number, awaiting: readonly ApplicationStatus[]): BatchRow[] {
  // Statuses are our own constants (core/review-levels AWAITING_DECISION), never input.
  const decidable = `status IN (${awaiting.map((s) => `'${s}'`).join(', ')})`;
  const lists = stmt<
    [number],
    { id: string; list_no: string; village_code: string; created_at: string; confirmed_at: string | null; total: number; open: number }
  >(
    db,
    `SELECT l.id, l.list_no, l.village_code, l.created_at, l.confirmed_at, count(r.id) AS total, coalesce(sum(r.${decidable}), 0) AS open
     FROM handover_lists l JOIN handover_items i ON i.list_id = l.id LEFT JOIN review_applications r ON r.id = i.application_id
     GROUP BY l.id ORDER BY (open > 0) DESC, l.created_at DESC LIMIT ?`,
  ).all(limit);
  const days = stmt<[number], { village_code: string; day: string; at: string; total: number; open: number }>(
    db,
    `SELECT village_code, ${RECEIVED_DAY} AS day, min(received_at) AS at, count(*) AS total, sum(${decidable}) AS open
     FROM review_applications WHERE ${ON_NO_LIST}
     GROUP BY village_code, day ORDER BY (open > 0) DESC, day DESC LIMIT ?`,
  ).all(limit);
  return [
    ...lists.map((l) => ({
      ref: { kind: 'list' as const, listId: l.id },
      listNo: l.list_no,
      villageCode: l.village_code,
      at: l.created_at,
      total: l.total,
      open: l.open,
      confirmedAt: l.confirmed_at,
    })),
    ...days.map((d) => ({
      ref: { kind: 'day' as const, villageCode: d.village_code, day: d.day },
      listNo: null,
      villageCode: d.village_code,
      at: d.at,
      total: d.total,
      open: d.open,
      confirmedAt: null,
    })),
  ]
    .sort((a, b) => Number(b.open > 0) - Number(a.open > 0) || b.at.localeCompare(a.at))
    .slice(0, limit);
}

/** The handover list each of these applications is on (an application is on one list at most). */
export function listIdsOf(db: Database, applicationIds: readonly string[]): Map<string, string> {
  const s = stmt<[string], { list_id: string }>(db, 'SELECT list_id FROM handover_items WHERE application_id = ? LIMIT 1');
  const out = new Map<string, string>();
  for (const id of applicationIds) {
    const r = s.get(id);
    if (r) out.set(id, r.list_id);
  }
  return out;
}

/** Oldest submission first: the worklist's order of urgency. */
export function listReviews(db: Database, f: ReviewFilter): ReviewRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.villageCode) {
    where.push('village_code = ?');
    params.push(f.villageCode);
  }
  if (f.itemCode) {
    where.push('item_code = ?');
    params.push(f.itemCode);
  }
  if (f.statuses?.length) {
    where.push(`status IN (${f.statuses.map(() => '?').join(', ')})`);
    params.push(...f.statuses);
  }
  if (f.overdueBefore) {
    where.push(`status IN (${REVIEW_OPEN_STATUSES.map(() => '?').join(', ')}) AND due_date < ?`);
    params.push(...REVIEW_OPEN_STATUSES, f.overdueBefore);
  }
  if (f.batch?.kind === 'list') {
    where.push('id IN (SELECT application_id FROM handover_items WHERE list_id = ?)');
    params.push(f.batch.listId);
  }
  if (f.batch?.kind === 'day') {
    where.push(`village_code = ? AND ${RECEIVED_DAY} = ? AND ${ON_NO_LIST}`);
    params.push(f.batch.villageCode, f.batch.day);
  }
  if (f.after) {
    where.push('(submitted_at, id) > (?, ?)');
    params.push(f.after.submittedAt, f.after.id);
  }
  const sql = `SELECT * FROM review_applications ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
    ORDER BY submitted_at, id LIMIT ?`;
  return stmt<unknown[], RawReview>(db, sql)
    .all(...params, f.limit)
    .map(toRow);
}

/** Every replica row submitted within [fromIso, toIso) (statistics). */
export function listReviewsSubmitted(db: Database, fromIso: string, toIso: string): ReviewRow[] {
  return stmt<[string, string], RawReview>(db, 'SELECT * FROM review_applications WHERE submitted_at >= ? AND submitted_at < ? ORDER BY submitted_at, id')
    .all(fromIso, toIso)
    .map(toRow);
}

export function listOpenReviewsDueBefore(db: Database, day: string, limit: number): ReviewRow[] {
  return stmt<unknown[], RawReview>(
    db,
    `SELECT * FROM review_applications WHERE status IN (${REVIEW_OPEN_STATUSES.map(() => '?').join(', ')}) AND status <> 'needs_supplement' AND due_date < ?
     ORDER BY due_date, id LIMIT ?`,
  )
    .all(...REVIEW_OPEN_STATUSES, day, limit)
    .map(toRow);
}

export interface ReviewEventRow {
  at: string;
  type: string;
  status: ApplicationStatus;
  actorName: string;
  note: string | null;
}

export function insertReviewEvent(db: Database, applicationId: string, e: ReviewEventRow): void {
  stmt(db, 'INSERT INTO review_events (application_id, at, type, status, actor_name, note) VALUES (?, ?, ?, ?, ?, ?)').run(
    applicationId,
    e.at,
    e.type,
    e.status,
    e.actorName,
    e.note,
  );
}

export function listReviewEvents(db: Database, applicationId: string): ReviewEventRow[] {
  return stmt<[string], ReviewEventRow>(
    db,
    'SELECT at, type, status, actor_name AS actorName, note FROM review_events WHERE application_id = ? ORDER BY seq',
  ).all(applicationId);
}

/** What the latest supplement of an application changed, and how each asked-for item was answered. */
export interface SupplementRecord {
  supplementedAt: string;
  diff: SupplementDiff;
  /** Null from a village terminal that did not answer item by item yet. */
  responses: SupplementResponse[] | null;
  note: string | null;
}

export function saveSupplementRecord(db: Database, applicationId: string, r: SupplementRecord): void {
  stmt(
    db,
    `INSERT INTO review_supplements (application_id, supplemented_at, diff, responses, note) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (application_id) DO UPDATE SET supplemented_at = excluded.supplemented_at, diff = excluded.diff,
       responses = excluded.responses, note = excluded.note`,
  ).run(applicationId, r.supplementedAt, JSON.stringify(r.diff), r.responses ? JSON.stringify(r.responses) : null, r.note);
}

export function findSupplementRecord(db: Database, applicationId: string): SupplementRecord | null {
  const r = stmt<[string], { supplemented_at: string; diff: string; responses: string | null; note: string | null }>(
    db,
    'SELECT supplemented_at, diff, responses, note FROM review_supplements WHERE application_id = ?',
  ).get(applicationId);
  if (!r) return null;
  return {
    supplementedAt: r.supplemented_at,
    diff: JSON.parse(r.diff) as SupplementDiff,
    responses: r.responses ? (JSON.parse(r.responses) as SupplementResponse[]) : null,
    note: r.note,
  };
}
