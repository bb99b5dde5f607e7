import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { FollowUpStep, RatingStage } from '../core/ratings/model';
import { stmt } from './statements';

/** A rating (好差评) as the terminal keeps it: a village's own, or a township's replica of its villages' (migration 015). */
export interface RatingRow {
  id: string;
  applicationId: string;
  stage: RatingStage;
  villageCode: string;
  itemCode: string;
  receiptNo: string;
  level: number;
  reasons: string[];
  comment: string | null;
  ratedAt: string;
  /** The Shanghai day of `ratedAt`, for a statistics period. */
  ratedOn: string;
  cadreId: string;
  cadreName: string;
  messageId: string | null;
  residentName: string | null;
  residentPhone: string | null;
  receivedAt: string | null;
  revisitDue: string | null;
  rectifyDue: string | null;
  revisit: FollowUpRecord | null;
  rectify: FollowUpRecord | null;
}

export interface FollowUpRecord {
  at: string;
  note: string;
  byName: string;
  messageId: string | null;
}

const SELECT = `SELECT id, application_id, stage, village_code, item_code, receipt_no, level, reasons, comment, rated_at, rated_on,
  cadre_id, cadre_name, message_id, resident_name, resident_phone, received_at, revisit_due, rectify_due,
  revisited_at, revisit_note, revisited_by_name, revisit_message_id, rectified_at, rectify_note, rectified_by_name, rectify_message_id
  FROM ratings`;

type Raw = Record<string, string | number | null>;

function step(at: unknown, note: unknown, byName: unknown, messageId: unknown): FollowUpRecord | null {
  return typeof at === 'string' ? { at, note: String(note ?? ''), byName: String(byName ?? ''), messageId: (messageId as string | null) ?? null } : null;
}

function toRow(r: Raw): RatingRow {
  return {
    id: r.id as string,
    applicationId: r.application_id as string,
    stage: r.stage as RatingStage,
    villageCode: r.village_code as string,
    itemCode: r.item_code as string,
    receiptNo: r.receipt_no as string,
    level: r.level as number,
    reasons: JSON.parse(r.reasons as string) as string[],
    comment: r.comment as string | null,
    ratedAt: r.rated_at as string,
    ratedOn: r.rated_on as string,
    cadreId: r.cadre_id as string,
    cadreName: r.cadre_name as string,
    messageId: r.message_id as string | null,
    residentName: r.resident_name as string | null,
    residentPhone: r.resident_phone as string | null,
    receivedAt: r.received_at as string | null,
    revisitDue: r.revisit_due as string | null,
    rectifyDue: r.rectify_due as string | null,
    revisit: step(r.revisited_at, r.revisit_note, r.revisited_by_name, r.revisit_message_id),
    rectify: step(r.rectified_at, r.rectify_note, r.rectified_by_name, r.rectify_message_id),
  };
}

/**
 * Inserts a rating; false when the application already has one at that stage (or this id is there already).
 * A replica's later copy of a rating it has updates nothing but what the platform may have added.
 */
export function insertRating(db: Database, r: Omit<RatingRow, 'revisit' | 'rectify'>): boolean {
  const info = stmt(
    db,
    `INSERT INTO ratings (id, application_id, stage, village_code, item_code, receipt_no, level, reasons, comment, rated_at, rated_on,
       cadre_id, cadre_name, message_id, resident_name, resident_phone, received_at, revisit_due, rectify_due)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  ).run(
    r.id,
    r.applicationId,
    r.stage,
    r.villageCode,
    r.itemCode,
    r.receiptNo,
    r.level,
    JSON.stringify(r.reasons),
    r.comment,
    r.ratedAt,
    r.ratedOn,
    r.cadreId,
    r.cadreName,
    r.messageId,
    r.residentName,
    r.residentPhone,
    r.receivedAt,
    r.revisitDue,
    r.rectifyDue,
  );
  return info.changes === 1;
}

export function findRating(db: Database, id: string): RatingRow | null {
  const r = stmt<[string], Raw>(db, `${SELECT} WHERE id = ?`).get(id);
  return r ? toRow(r) : null;
}

export function ratingsOfApplication(db: Database, applicationId: string): RatingRow[] {
  return stmt<[string], Raw>(db, `${SELECT} WHERE application_id = ? ORDER BY rated_at`).all(applicationId).map(toRow);
}

/**
 * Records one follow-up step: here, once (false when it was recorded already); from the platform (`platform`),
 * in place of a local record, since the platform's first record is the one that stands.
 */
export function recordFollowUpStep(db: Database, id: string, which: FollowUpStep, s: FollowUpRecord, o: { platform?: boolean } = {}): boolean {
  const [at, note, by, message] =
    which === 'revisit'
      ? ['revisited_at', 'revisit_note', 'revisited_by_name', 'revisit_message_id']
      : ['rectified_at', 'rectify_note', 'rectified_by_name', 'rectify_message_id'];
  const sql = `UPDATE ratings SET ${at} = ?, ${note} = ?, ${by} = ?, ${message} = ? WHERE id = ?${o.platform ? '' : ` AND ${at} IS NULL`}`;
  return stmt(db, sql).run(s.at, s.note, s.byName, s.messageId, id).changes === 1;
}

/** 差评 with a follow-up (they have deadlines): open ones (not yet 整改反馈) only, or all; nearest deadline first. */
export function listFollowUps(db: Database, o: { open: boolean; limit: number }): RatingRow[] {
  const where = `rectify_due IS NOT NULL${o.open ? ' AND rectified_at IS NULL' : ''}`;
  return stmt<[number], Raw>(db, `${SELECT} WHERE ${where} ORDER BY rectified_at IS NOT NULL, rectify_due, rated_at LIMIT ?`).all(o.limit).map(toRow);
}

export type RatingGroupBy = 'village' | 'item' | 'cadre';
const GROUP_COLUMN: Record<RatingGroupBy, string> = { village: 'village_code', item: 'item_code', cadre: 'cadre_id' };

/** Ratings per group and level in [from, to] (Shanghai days); `name` the cadre's name where grouped by cadre. */
export function ratingLevelCounts(db: Database, by: RatingGroupBy, from: string, to: string): { key: string; name: string; level: number; count: number }[] {
  const col = GROUP_COLUMN[by];
  return stmt<[string, string], { key: string; name: string; level: number; count: number }>(
    db,
    `SELECT ${col} AS key, max(cadre_name) AS name, level, count(*) AS count FROM ratings
     WHERE rated_on BETWEEN ? AND ? GROUP BY ${col}, level ORDER BY ${col}`,
  ).all(from, to);
}

/** The follow-up of the 差评 rated in [from, to]: how many, how many revisited and rectified, how many overdue on `today`. */
export function followUpCounts(db: Database, from: string, to: string, today: string): { poor: number; revisited: number; rectified: number; overdue: number } {
  return stmt<[string, string, string, string], { poor: number; revisited: number; rectified: number; overdue: number }>(
    db,
    `SELECT count(*) AS poor, count(revisited_at) AS revisited, count(rectified_at) AS rectified,
       coalesce(sum((revisited_at IS NULL AND revisit_due < ?) OR (rectified_at IS NULL AND rectify_due < ?)), 0) AS overdue
     FROM ratings WHERE rectify_due IS NOT NULL AND rated_on BETWEEN ? AND ?`,
  ).get(today, today, from, to)!;
}
