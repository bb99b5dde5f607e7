import type { Database } from 'better-sqlite3-multiple-ciphers';
import { stmt } from './statements';

/** A household member: the resident and their relation to the head (户主 for the head). */
export interface HouseholdMemberRow {
  residentId: string;
  relation: string;
}

export interface HouseholdRow {
  id: string;
  headId: string;
  members: HouseholdMemberRow[];
  createdAt: string;
  updatedAt: string;
}

interface RawHousehold {
  id: string;
  head_id: string;
  created_at: string;
  updated_at: string;
}

/** The household a resident belongs to (as head or member), with its members in the order they were listed. */
export function findHouseholdOf(db: Database, residentId: string): HouseholdRow | null {
  const row = stmt<[string], { household_id: string }>(db, 'SELECT household_id FROM household_members WHERE resident_id = ?').get(residentId);
  return row ? findHousehold(db, row.household_id) : null;
}

export function findHousehold(db: Database, id: string): HouseholdRow | null {
  const h = stmt<[string], RawHousehold>(db, 'SELECT * FROM households WHERE id = ?').get(id);
  if (!h) return null;
  const members = stmt<[string], { resident_id: string; relation: string }>(
    db,
    'SELECT resident_id, relation FROM household_members WHERE household_id = ? ORDER BY position',
  ).all(id);
  return {
    id: h.id,
    headId: h.head_id,
    members: members.map((m) => ({ residentId: m.resident_id, relation: m.relation })),
    createdAt: h.created_at,
    updatedAt: h.updated_at,
  };
}

/** Writes a household whole: the row, and its member list replaced (call inside the caller's transaction). */
export function saveHousehold(db: Database, h: HouseholdRow): void {
  stmt(
    db,
    `INSERT INTO households (id, head_id, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET head_id = excluded.head_id, updated_at = excluded.updated_at`,
  ).run(h.id, h.headId, h.createdAt, h.updatedAt);
  stmt(db, 'DELETE FROM household_members WHERE household_id = ?').run(h.id);
  const insert = stmt(db, 'INSERT INTO household_members (household_id, resident_id, relation, position) VALUES (?, ?, ?, ?)');
  h.members.forEach((m, i) => insert.run(h.id, m.residentId, m.relation, i));
}

/** Takes a resident out of whatever household holds them (a move, chosen by the cadre). */
export function removeFromHousehold(db: Database, residentId: string): void {
  stmt(db, 'DELETE FROM household_members WHERE resident_id = ?').run(residentId);
}
