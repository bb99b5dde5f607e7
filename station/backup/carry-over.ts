import { deleteSetting, getSetting, setSetting, type StoreDb } from '../../db';
import { SETTINGS } from '../runtime/settings-keys';

/** What belongs to the terminal rather than to the data, read from the store a restore replaces. */
export interface CarryOver {
  counters: { name: string; value: number }[];
  enrollment: Record<string, string> | null;
}

const ENROLLMENT_KEYS = [SETTINGS.platformUrl, SETTINGS.terminalId, SETTINGS.terminalRole, SETTINGS.privateKey, SETTINGS.enrolledAt];

export function readCarryOver(db: StoreDb): CarryOver {
  const counters = db.prepare('SELECT name, value FROM counters').all() as { name: string; value: number }[];
  const enrollment: Record<string, string> = {};
  for (const k of ENROLLMENT_KEYS) {
    const v = getSetting(db, k);
    if (v !== null) enrollment[k] = v;
  }
  return { counters, enrollment: enrollment[SETTINGS.terminalId] ? enrollment : null };
}

/**
 * Applied to the restored store in the restore's transaction. Counters only move forward: receipt and list
 * numbers handed out after the backup may already be on the platform and on paper, and must not be issued
 * again. The enrollment stays the terminal's current one: a backup from before a re-enrollment would
 * otherwise sign with a revoked key (the change feed then starts again from the beginning for the new id).
 */
export function applyCarryOver(db: StoreDb, c: CarryOver): void {
  const bump = db.prepare(`INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)`);
  for (const { name, value } of c.counters) bump.run(name, value);
  if (c.enrollment && getSetting(db, SETTINGS.terminalId) !== c.enrollment[SETTINGS.terminalId]) {
    for (const [k, v] of Object.entries(c.enrollment)) setSetting(db, k, v);
    deleteSetting(db, SETTINGS.changesCursor);
  }
}
