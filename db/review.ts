import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ReceivedMaterials } from '../core/catalog/model';
import type { ApplicationStatus } from '../core/lifecycle';
import type { ApplicationSubmitted } from '../core/sync/messages';
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
  limit: number;
}

export const REVIEW_OPEN_STATUSES: readonly ApplicationStatus[] = ['sent', 'under_review', 'needs_supplement', 'supplemented'];

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
