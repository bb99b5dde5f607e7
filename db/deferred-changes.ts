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

/** The kept changes of these kinds, oldest first (cursors are decimal numbers). */
export function listDeferredChanges(db: Database, kinds: readonly string[], limit: number): DeferredChange[] {
  return stmt<[string, number], DeferredChange>(
    db,
    `SELECT cursor, kind, division_code AS divisionCode, body, at, reason FROM deferred_changes
     WHERE kind IN (SELECT value FROM json_each(?))
     ORDER BY length(cursor), cursor LIMIT ?`,
  ).all(JSON.stringify(kinds), limit);
}

export function dropDeferredChange(db: Database, cursor: string): void {
  stmt(db, 'DELETE FROM deferred_changes WHERE cursor = ?').run(cursor);
}
