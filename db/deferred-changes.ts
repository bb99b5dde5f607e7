import type { Database } from 'better-sqlite3-multiple-ciphers';
import { stmt } from './statements';

/** A change of the feed this terminal could not apply when it came: kept until an upgrade can. */
export interface DeferredChange {
  cursor: string;
  kind: string;
  divisionCode: string;
  /** The change's body as JSON text. */
  body: string;
  at: string;
  reason: 'unknown_kind' | 'malformed';
}

export function keepDeferredChange(db: Database, c: DeferredChange, keptAt: string): void {
  stmt(
    db,
    `INSERT INTO deferred_changes (cursor, kind, division_code, body, at, reason, kept_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (cursor) DO NOTHING`,
  ).run(c.cursor, c.kind, c.divisionCode, c.body, c.at, c.reason, keptAt);
}

/** Oldest first (cursors are decimal numbers). */
export function listDeferredChanges(db: Database, limit: number): DeferredChange[] {
  return stmt<[number], DeferredChange>(
    db,
    `SELECT cursor, kind, division_code AS divisionCode, body, at, reason FROM deferred_changes
     ORDER BY length(cursor), cursor LIMIT ?`,
  ).all(limit);
}

export function dropDeferredChange(db: Database, cursor: string): void {
  stmt(db, 'DELETE FROM deferred_changes WHERE cursor = ?').run(cursor);
}

export function countDeferredChanges(db: Database): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM deferred_changes').get()!.n;
}
