import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Role } from '../core/api/views';
import { stmt } from './statements';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: string | null;
  /** The password was set by someone else (IT): the user chooses their own before anything else. */
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

interface RawUser {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  failed_attempts: number;
  locked_until: string | null;
  must_change_password: number;
  created_at: string;
  updated_at: string;
}

const toUser = (r: RawUser): UserRow => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  passwordHash: r.password_hash,
  disabled: r.disabled === 1,
  failedAttempts: r.failed_attempts,
  lockedUntil: r.locked_until,
  mustChangePassword: r.must_change_password === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function findUserByUsername(db: Database, username: string): UserRow | null {
  const r = stmt<[string], RawUser>(db, 'SELECT * FROM users WHERE username = ?').get(username);
  return r ? toUser(r) : null;
}

export function findUserById(db: Database, id: string): UserRow | null {
  const r = stmt<[string], RawUser>(db, 'SELECT * FROM users WHERE id = ?').get(id);
  return r ? toUser(r) : null;
}

export function countUsers(db: Database): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM users').get()!.n;
}

export function insertUser(db: Database, u: Omit<UserRow, 'failedAttempts' | 'lockedUntil' | 'mustChangePassword'> & { mustChangePassword?: boolean }): void {
  stmt(
    db,
    `INSERT INTO users (id, username, display_name, role, password_hash, disabled, must_change_password, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(u.id, u.username, u.displayName, u.role, u.passwordHash, u.disabled ? 1 : 0, u.mustChangePassword ? 1 : 0, u.createdAt, u.updatedAt);
}

/**
 * A user another terminal named whom this one has no account for: disabled, with a hash no password matches
 * and a username no one types, so rows from that terminal can name them (station/sync/apply-village-peers.ts).
 */
export function insertPlaceholderUser(db: Database, p: { id: string; name: string }, at: string): void {
  stmt(
    db,
    `INSERT INTO users (id, username, display_name, role, password_hash, disabled, must_change_password, created_at, updated_at)
     VALUES (?, ?, ?, 'cadre', '!', 1, 0, ?, ?) ON CONFLICT DO NOTHING`,
  ).run(p.id, `@peer:${p.id}`.slice(0, 64), p.name.slice(0, 30), at, at);
}

export function recordLoginFailure(db: Database, id: string, failedAttempts: number, lockedUntil: string | null, at: string): void {
  stmt(db, 'UPDATE users SET failed_attempts = ?, locked_until = ?, updated_at = ? WHERE id = ?').run(failedAttempts, lockedUntil, at, id);
}

export function recordLoginSuccess(db: Database, id: string, at: string): void {
  stmt(db, 'UPDATE users SET failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?').run(at, id);
}

/** The user's own new password: it is theirs now, so no change is owed any more. */
export function updatePasswordHash(db: Database, id: string, hash: string, at: string): void {
  stmt(db, 'UPDATE users SET password_hash = ?, must_change_password = 0, updated_at = ? WHERE id = ?').run(hash, at, id);
}

/** An account as the platform's change feed sends it. */
export type SyncedAccount = Pick<UserRow, 'id' | 'username' | 'displayName' | 'role' | 'passwordHash' | 'disabled' | 'mustChangePassword' | 'updatedAt'>;

/**
 * Creates or updates a local account from the platform, matched by username. An existing account keeps its
 * local id (events and applications point at it) and its lock-out count; `keepPassword` leaves the local hash
 * alone while a password change made here is still on its way up.
 */
export function upsertSyncedUser(db: Database, a: SyncedAccount, o: { keepPassword: boolean; at: string }): 'inserted' | 'updated' {
  const existing = findUserByUsername(db, a.username);
  if (!existing) {
    const id = findUserById(db, a.id) ? `${a.id}-${a.username}`.slice(0, 64) : a.id;
    insertUser(db, {
      id,
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      passwordHash: a.passwordHash,
      disabled: a.disabled,
      mustChangePassword: a.mustChangePassword,
      createdAt: o.at,
      updatedAt: o.at,
    });
    return 'inserted';
  }
  // While the user's own change is on its way up, the platform's older hash and flag are not taken.
  stmt(db, 'UPDATE users SET display_name = ?, role = ?, password_hash = ?, must_change_password = ?, disabled = ?, updated_at = ? WHERE id = ?').run(
    a.displayName,
    a.role,
    o.keepPassword ? existing.passwordHash : a.passwordHash,
    o.keepPassword ? (existing.mustChangePassword ? 1 : 0) : a.mustChangePassword ? 1 : 0,
    a.disabled ? 1 : 0,
    o.at,
    existing.id,
  );
  return 'updated';
}
