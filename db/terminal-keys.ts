import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { TerminalEnrolled } from '../core/sync/changes';
import { stmt } from './statements';

export interface TerminalKeyRow {
  terminalId: string;
  divisionCode: string;
  terminalNo: number;
  servicePointName: string;
  publicKey: string;
}

/** Keeps a terminal's key as the feed announced it; a second announcement of the same terminal changes nothing. */
export function insertTerminalKey(db: Database, t: TerminalEnrolled): boolean {
  const r = stmt(
    db,
    `INSERT INTO terminal_keys (terminal_id, division_code, terminal_no, role, service_point_name, public_key, enrolled_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  ).run(t.terminalId, t.divisionCode, t.terminalNo, t.role, t.servicePointName, t.publicKey, t.enrolledAt);
  return r.changes > 0;
}

export function findTerminalKey(db: Database, divisionCode: string, terminalNo: number): TerminalKeyRow | null {
  return (
    stmt<[string, number], TerminalKeyRow>(
      db,
      `SELECT terminal_id AS terminalId, division_code AS divisionCode, terminal_no AS terminalNo,
              service_point_name AS servicePointName, public_key AS publicKey
       FROM terminal_keys WHERE division_code = ? AND terminal_no = ?`,
    ).get(divisionCode, terminalNo) ?? null
  );
}

/** Each village's service point name, from its first enrolled terminal (what the township prints for it). */
export function servicePointNames(db: Database): Map<string, string> {
  const rows = stmt<[], { divisionCode: string; name: string }>(
    db,
    `SELECT division_code AS divisionCode, service_point_name AS name FROM terminal_keys
     WHERE role = 'village' ORDER BY division_code, terminal_no DESC`,
  ).all();
  // Descending terminal number, so the first terminal's name is the one left in the map.
  return new Map(rows.map((r) => [r.divisionCode, r.name]));
}
