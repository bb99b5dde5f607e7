import type { Database } from 'better-sqlite3-multiple-ciphers';
import { stmt } from './statements';

/** A handover list (交接清单): the paper of several applications, sent from the village to the township. */
export interface HandoverRow {
  id: string;
  listNo: string;
  villageCode: string;
  createdAt: string;
  createdByName: string;
  confirmedAt: string | null;
  confirmedByName: string | null;
  missing: { applicationId: string; materialKey: string; note: string | null }[];
  messageId: string | null;
  items: { applicationId: string; receiptNo: string; materialKeys: string[] }[];
}

interface RawList {
  id: string;
  list_no: string;
  village_code: string;
  created_at: string;
  created_by_name: string;
  confirmed_at: string | null;
  confirmed_by_name: string | null;
  missing: string;
  message_id: string | null;
}

function load(db: Database, r: RawList): HandoverRow {
  const items = stmt<[string], { applicationId: string; receiptNo: string; materialKeys: string }>(
    db,
    `SELECT application_id AS applicationId, receipt_no AS receiptNo, material_keys AS materialKeys
     FROM handover_items WHERE list_id = ? ORDER BY receipt_no`,
  ).all(r.id);
  return {
    id: r.id,
    listNo: r.list_no,
    villageCode: r.village_code,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    confirmedAt: r.confirmed_at,
    confirmedByName: r.confirmed_by_name,
    missing: JSON.parse(r.missing) as HandoverRow['missing'],
    messageId: r.message_id,
    items: items.map((i) => ({ ...i, materialKeys: JSON.parse(i.materialKeys) as string[] })),
  };
}

/** Inserts a list with its items unless it is already known (the feed echoes our own). Returns whether it was new. */
export function insertHandover(db: Database, h: HandoverRow): boolean {
  const r = stmt(
    db,
    `INSERT INTO handover_lists (id, list_no, village_code, created_at, created_by_name, confirmed_at, confirmed_by_name, missing, message_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  ).run(h.id, h.listNo, h.villageCode, h.createdAt, h.createdByName, h.confirmedAt, h.confirmedByName, JSON.stringify(h.missing), h.messageId);
  if (r.changes === 0) return false;
  const item = stmt(db, 'INSERT INTO handover_items (list_id, application_id, receipt_no, material_keys) VALUES (?, ?, ?, ?)');
  for (const i of h.items) item.run(h.id, i.applicationId, i.receiptNo, JSON.stringify(i.materialKeys));
  return true;
}

export function confirmHandover(
  db: Database,
  c: { id: string; confirmedAt: string; confirmedByName: string; missing: HandoverRow['missing']; messageId?: string | null },
): boolean {
  const r =
    c.messageId === undefined
      ? stmt(db, 'UPDATE handover_lists SET confirmed_at = ?, confirmed_by_name = ?, missing = ? WHERE id = ?').run(
          c.confirmedAt,
          c.confirmedByName,
          JSON.stringify(c.missing),
          c.id,
        )
      : stmt(db, 'UPDATE handover_lists SET confirmed_at = ?, confirmed_by_name = ?, missing = ?, message_id = ? WHERE id = ?').run(
          c.confirmedAt,
          c.confirmedByName,
          JSON.stringify(c.missing),
          c.messageId,
          c.id,
        );
  return r.changes === 1;
}

export function findHandover(db: Database, id: string): HandoverRow | null {
  const r = stmt<[string], RawList>(db, 'SELECT * FROM handover_lists WHERE id = ?').get(id);
  return r ? load(db, r) : null;
}

/** Newest first. */
export function listHandovers(db: Database, limit: number): HandoverRow[] {
  return stmt<[number], RawList>(db, 'SELECT * FROM handover_lists ORDER BY created_at DESC, id DESC LIMIT ?')
    .all(limit)
    .map((r) => load(db, r));
}

/** Ids of applications already on some list. */
export function applicationsOnLists(db: Database, ids: readonly string[]): Set<string> {
  const s = stmt<[string], { n: number }>(db, 'SELECT count(*) AS n FROM handover_items WHERE application_id = ?');
  return new Set(ids.filter((id) => s.get(id)!.n > 0));
}
