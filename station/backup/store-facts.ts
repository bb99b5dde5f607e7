import type { StoreDb } from '../../db';
import type { StoreCounts } from './manifest';

const count = (db: StoreDb, sql: string) => (db.prepare(sql).get() as { n: number }).n;

/** What the manifest records and a verification compares: the rows people would miss. */
export function readCounts(db: StoreDb): StoreCounts {
  return {
    residents: count(db, 'SELECT count(*) AS n FROM residents'),
    applications: count(db, 'SELECT count(*) AS n FROM applications'),
    outboxPending: count(db, `SELECT count(*) AS n FROM outbox WHERE status = 'pending'`),
    attachments: count(db, 'SELECT count(*) AS n FROM attachments'),
    auditEntries: count(db, 'SELECT count(*) AS n FROM audit_log'),
  };
}

/** Every scan file the store refers to (by content hash). */
export function referencedScans(db: StoreDb): string[] {
  return (db.prepare('SELECT DISTINCT sha256 FROM attachments ORDER BY sha256').all() as { sha256: string }[]).map((r) => r.sha256);
}
