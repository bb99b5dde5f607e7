import type { Database } from 'better-sqlite3-multiple-ciphers';
import { stmt } from './statements';

export function getSetting(db: Database, key: string): string | null {
  const row = stmt<[string], { value: string }>(db, 'SELECT value FROM settings WHERE key = ?').get(key);
  return row?.value ?? null;
}

export function setSetting(db: Database, key: string, value: string): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Next value of a named counter (e.g. the receipt sequence of one day); call inside the caller's transaction. */
export function nextCounter(db: Database, name: string): number {
  const row = stmt<[string], { value: number }>(
    db,
    `INSERT INTO counters (name, value) VALUES (?, 1)
     ON CONFLICT (name) DO UPDATE SET value = value + 1
     RETURNING value`,
  ).get(name);
  return row!.value;
}

export function deleteSetting(db: Database, key: string): void {
  stmt(db, 'DELETE FROM settings WHERE key = ?').run(key);
}
