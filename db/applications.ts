import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ReceivedMaterials } from '../core/catalog/model';
import type { ApplicationStatus } from '../core/lifecycle';
import { stmt } from './statements';

export interface ApplicationRow {
  id: string;
  residentId: string;
  itemCode: string;
  catalogVersion: string;
  status: ApplicationStatus;
  form: Record<string, unknown>;
  receiptNo: string | null;
  submittedAt: string | null;
  dueDate: string | null;
  receiptPrints: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

interface RawApplication {
  id: string;
  resident_id: string;
  item_code: string;
  catalog_version: string;
  status: ApplicationStatus;
  form: string;
  receipt_no: string | null;
  submitted_at: string | null;
  due_date: string | null;
  receipt_prints: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

const toApplication = (r: RawApplication): ApplicationRow => ({
  id: r.id,
  residentId: r.resident_id,
  itemCode: r.item_code,
  catalogVersion: r.catalog_version,
  status: r.status,
  form: JSON.parse(r.form) as Record<string, unknown>,
  receiptNo: r.receipt_no,
  submittedAt: r.submitted_at,
  dueDate: r.due_date,
  receiptPrints: r.receipt_prints,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function insertApplication(db: Database, a: ApplicationRow): void {
  stmt(
    db,
    `INSERT INTO applications (id, resident_id, item_code, catalog_version, status, form, receipt_no, submitted_at,
       due_date, receipt_prints, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    a.id,
    a.residentId,
    a.itemCode,
    a.catalogVersion,
    a.status,
    JSON.stringify(a.form),
    a.receiptNo,
    a.submittedAt,
    a.dueDate,
    a.receiptPrints,
    a.createdBy,
    a.createdAt,
    a.updatedAt,
  );
}

/** Writes every mutable column; callers change a copy of the row and hand it back. */
export function updateApplication(db: Database, a: ApplicationRow): void {
  stmt(
    db,
    `UPDATE applications SET status = ?, form = ?, receipt_no = ?, submitted_at = ?, due_date = ?,
       receipt_prints = ?, updated_at = ? WHERE id = ?`,
  ).run(a.status, JSON.stringify(a.form), a.receiptNo, a.submittedAt, a.dueDate, a.receiptPrints, a.updatedAt, a.id);
}

export function findApplication(db: Database, id: string): ApplicationRow | null {
  const r = stmt<[string], RawApplication>(db, 'SELECT * FROM applications WHERE id = ?').get(id);
  return r ? toApplication(r) : null;
}

export interface ApplicationFilter {
  statuses?: readonly ApplicationStatus[];
  itemCode?: string;
  residentId?: string;
  /** A search: applications of these residents, or whose receipt number holds this text. */
  match?: { residentIds: readonly string[]; receiptPart: string };
  /** Keyset cursor: rows strictly older than (updatedAt, id). */
  before?: { updatedAt: string; id: string };
  limit: number;
}

/** Newest first by last change, keyset-paginated so page 500 costs what page 1 does. */
export function findApplicationByReceiptNo(db: Database, receiptNo: string): ApplicationRow | null {
  const r = stmt<[string], RawApplication>(db, 'SELECT * FROM applications WHERE receipt_no = ?').get(receiptNo);
  return r ? toApplication(r) : null;
}

export function listApplications(db: Database, f: ApplicationFilter): ApplicationRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.statuses?.length) {
    where.push(`status IN (${f.statuses.map(() => '?').join(', ')})`);
    params.push(...f.statuses);
  }
  if (f.itemCode) {
    where.push('item_code = ?');
    params.push(f.itemCode);
  }
  if (f.residentId) {
    where.push('resident_id = ?');
    params.push(f.residentId);
  }
  if (f.match) {
    const ids = f.match.residentIds;
    const byResident = ids.length ? `resident_id IN (${ids.map(() => '?').join(', ')}) OR ` : '';
    // The receipt number's text is matched as typed: LIKE's own wildcards in it are escaped.
    where.push(`(${byResident}receipt_no LIKE ? ESCAPE '\\')`);
    params.push(...ids, `%${f.match.receiptPart.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (f.before) {
    where.push('(updated_at, id) < (?, ?)');
    params.push(f.before.updatedAt, f.before.id);
  }
  const sql = `SELECT * FROM applications ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
    ORDER BY updated_at DESC, id DESC LIMIT ?`;
  return stmt<unknown[], RawApplication>(db, sql)
    .all(...params, f.limit)
    .map(toApplication);
}

/** Open applications due on or before `lastDay` (YYYY-MM-DD), earliest first; not those awaiting a supplement (their clock is stopped). */
export function listOpenDueBy(db: Database, lastDay: string, limit: number): ApplicationRow[] {
  return stmt<[string, number], RawApplication>(
    db,
    // INDEXED BY: without statistics the planner prefers the status index and sorts every open
    // application (1.5 s at a million rows); the partial due-date index reads only the first rows.
    `SELECT * FROM applications INDEXED BY applications_due
     WHERE status IN ('queued', 'sent', 'under_review', 'needs_supplement', 'supplemented', 'publicizing', 'county_review') AND due_date <= ?
       AND status <> 'needs_supplement'
     ORDER BY due_date, id LIMIT ?`,
  )
    .all(lastDay, limit)
    .map(toApplication);
}

export function countByStatus(db: Database): Partial<Record<ApplicationStatus, number>> {
  const rows = stmt<[], { status: ApplicationStatus; n: number }>(db, 'SELECT status, n FROM application_status_counts WHERE n > 0').all();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Submissions within [fromIso, toIso), by item. */
export function countSubmittedByItem(db: Database, fromIso: string, toIso: string): { itemCode: string; count: number }[] {
  return stmt<[string, string], { itemCode: string; count: number }>(
    db,
    `SELECT item_code AS itemCode, count(*) AS count FROM applications
     WHERE submitted_at >= ? AND submitted_at < ? GROUP BY item_code ORDER BY count DESC, item_code`,
  ).all(fromIso, toIso);
}

export function replaceMaterials(db: Database, applicationId: string, materials: ReceivedMaterials): void {
  stmt(db, 'DELETE FROM application_materials WHERE application_id = ?').run(applicationId);
  const insert = stmt(db, 'INSERT INTO application_materials (application_id, material_key, received, count) VALUES (?, ?, ?, ?)');
  for (const [key, m] of Object.entries(materials)) insert.run(applicationId, key, m.received ? 1 : 0, m.count);
}

export function loadMaterials(db: Database, applicationId: string): ReceivedMaterials {
  const rows = stmt<[string], { material_key: string; received: number; count: number }>(
    db,
    'SELECT material_key, received, count FROM application_materials WHERE application_id = ? ORDER BY material_key',
  ).all(applicationId);
  return Object.fromEntries(rows.map((r) => [r.material_key, { received: r.received === 1, count: r.count }]));
}

export interface EventRow {
  id: string;
  applicationId: string;
  at: string;
  type: string;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus | null;
  actorId: string;
  note: string | null;
}

export function insertEvent(db: Database, e: EventRow): void {
  stmt(
    db,
    `INSERT INTO application_events (id, application_id, at, type, from_status, to_status, actor_id, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.id, e.applicationId, e.at, e.type, e.fromStatus, e.toStatus, e.actorId, e.note);
}

export function listEvents(db: Database, applicationId: string): EventRow[] {
  return stmt<[string], EventRow>(
    db,
    `SELECT id, application_id AS applicationId, at, type, from_status AS fromStatus, to_status AS toStatus,
       actor_id AS actorId, note
     FROM application_events WHERE application_id = ? ORDER BY seq`,
  ).all(applicationId);
}

/** Applications submitted within [fromIso, toIso), oldest first (statistics). */
export function listSubmittedBetween(db: Database, fromIso: string, toIso: string): ApplicationRow[] {
  return stmt<[string, string], RawApplication>(db, 'SELECT * FROM applications WHERE submitted_at >= ? AND submitted_at < ? ORDER BY submitted_at, id')
    .all(fromIso, toIso)
    .map(toApplication);
}
