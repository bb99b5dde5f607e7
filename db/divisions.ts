import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { NamedDivision } from '../core/divisions/model';
import { stmt } from './statements';

/** Stores names as the feed sent them; returns how many were new or renamed. */
export function upsertDivisions(db: Database, divisions: readonly NamedDivision[]): number {
  const upsert = stmt(
    db,
    `INSERT INTO divisions (code, name, level, parent) VALUES (?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name WHERE divisions.name <> excluded.name`,
  );
  let changed = 0;
  for (const d of divisions) changed += upsert.run(d.code, d.name, d.level, d.parent).changes;
  return changed;
}

export function findDivisionName(db: Database, code: string): string | null {
  return stmt<[string], { name: string }>(db, 'SELECT name FROM divisions WHERE code = ?').get(code)?.name ?? null;
}

/** Every division this terminal knows, code → name (a few hundred rows at most: its own area). */
export function divisionNameMap(db: Database): Map<string, string> {
  const rows = stmt<[], { code: string; name: string }>(db, 'SELECT code, name FROM divisions').all();
  return new Map(rows.map((r) => [r.code, r.name]));
}
