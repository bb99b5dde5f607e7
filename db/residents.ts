import type { Database } from 'better-sqlite3-multiple-ciphers';
import { stmt } from './statements';

export interface ResidentRow {
  id: string;
  idNumber: string;
  name: string;
  namePinyin: string;
  nameInitials: string;
  gender: 'male' | 'female';
  birthDate: string;
  phone: string | null;
  address: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

interface RawResident {
  id: string;
  id_number: string;
  name: string;
  name_pinyin: string;
  name_initials: string;
  gender: 'male' | 'female';
  birth_date: string;
  phone: string | null;
  address: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

const toResident = (r: RawResident): ResidentRow => ({
  id: r.id,
  idNumber: r.id_number,
  name: r.name,
  namePinyin: r.name_pinyin,
  nameInitials: r.name_initials,
  gender: r.gender,
  birthDate: r.birth_date,
  phone: r.phone,
  address: r.address,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const reverse = (s: string) => [...s].reverse().join('');

export function insertResident(db: Database, r: ResidentRow): void {
  stmt(
    db,
    `INSERT INTO residents (id, id_number, id_reversed, name, name_pinyin, name_initials, gender, birth_date,
       phone, phone_reversed, address, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.idNumber,
    reverse(r.idNumber),
    r.name,
    r.namePinyin,
    r.nameInitials,
    r.gender,
    r.birthDate,
    r.phone,
    r.phone ? reverse(r.phone) : null,
    r.address,
    r.createdBy,
    r.createdAt,
    r.updatedAt,
  );
}

export function updateResident(db: Database, r: ResidentRow): void {
  stmt(
    db,
    `UPDATE residents SET name = ?, name_pinyin = ?, name_initials = ?, phone = ?, phone_reversed = ?,
       address = ?, updated_at = ? WHERE id = ?`,
  ).run(r.name, r.namePinyin, r.nameInitials, r.phone, r.phone ? reverse(r.phone) : null, r.address, r.updatedAt, r.id);
}

export function findResidentById(db: Database, id: string): ResidentRow | null {
  const r = stmt<[string], RawResident>(db, 'SELECT * FROM residents WHERE id = ?').get(id);
  return r ? toResident(r) : null;
}

export function findResidentByIdNumber(db: Database, idNumber: string): ResidentRow | null {
  const r = stmt<[string], RawResident>(db, 'SELECT * FROM residents WHERE id_number = ?').get(idNumber);
  return r ? toResident(r) : null;
}

/** Columns a search can run on; each is an indexed prefix search. */
export type ResidentSearchColumn = 'name' | 'name_pinyin' | 'name_initials' | 'id_number' | 'id_reversed' | 'phone' | 'phone_reversed';

/**
 * Residents whose `column` starts with `prefix`, in name order. A range on the index instead of LIKE,
 * which SQLite cannot serve from an index for these collations.
 */
export function searchResidentsByPrefix(db: Database, column: ResidentSearchColumn, prefix: string, limit: number): ResidentRow[] {
  const rows = stmt<[string, string, number], RawResident>(db, `SELECT * FROM residents WHERE ${column} >= ? AND ${column} < ? ORDER BY ${column} LIMIT ?`).all(
    prefix,
    prefix + '\u{10FFFF}',
    limit,
  );
  return rows.map(toResident);
}

export function countResidents(db: Database): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM residents').get()!.n;
}
