import type { DiagnosticsBundle } from '../../core/diagnostics/bundle';
import { countBlobsToUpload, type StoreDb } from '../../db';

type Queue = DiagnosticsBundle['queue'];

function countsBy(db: StoreDb, sql: string): Record<string, number> {
  const rows = db.prepare(sql).all() as { k: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.k, r.n]));
}

const one = (db: StoreDb, sql: string) => (db.prepare(sql).get() as { n: number }).n;

/** Counts and states only: how much waits, and since when. No row's content is read. */
export function summarizeQueue(db: StoreDb, now: Date): Queue {
  const applications = countsBy(db, 'SELECT status AS k, count(*) AS n FROM applications GROUP BY status');
  const outbox = countsBy(db, 'SELECT status AS k, count(*) AS n FROM outbox GROUP BY status');
  const oldest = db.prepare(`SELECT created_at AS at FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT 1`).get() as { at: string } | undefined;
  const oldestMs = oldest ? Date.parse(oldest.at) : NaN;
  return {
    applications,
    drafts: applications.draft ?? 0,
    reviewReplica: countsBy(db, 'SELECT status AS k, count(*) AS n FROM review_applications GROUP BY status'),
    outbox: {
      pending: outbox.pending ?? 0,
      accepted: outbox.accepted ?? 0,
      duplicate: outbox.duplicate ?? 0,
      conflict: outbox.conflict ?? 0,
      invalid: outbox.invalid ?? 0,
      pendingByKind: countsBy(db, `SELECT kind AS k, count(*) AS n FROM outbox WHERE status = 'pending' GROUP BY kind`),
      oldestPendingAt: oldest && Number.isFinite(oldestMs) ? new Date(oldestMs).toISOString() : null,
      oldestPendingAgeSeconds: oldest && Number.isFinite(oldestMs) ? Math.max(0, Math.floor((now.getTime() - oldestMs) / 1000)) : null,
    },
    blobs: {
      pendingUpload: countBlobsToUpload(db),
      broken: one(db, 'SELECT count(*) AS n FROM blob_uploads WHERE broken IS NOT NULL'),
      uploaded: one(db, 'SELECT count(*) AS n FROM blob_uploads WHERE completed_at IS NOT NULL'),
    },
    attachments: one(db, 'SELECT count(*) AS n FROM attachments'),
  };
}
