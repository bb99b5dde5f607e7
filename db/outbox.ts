import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DaibanError } from '../core/errors';
import { checkInput, firstRefusal } from '../core/refusal';
import { isOutboxKind, OUTBOX_KINDS } from '../core/sync/messages';
import { stmt } from './statements';
import { sha256Hex } from '../base/node/digest';

export type OutboxStatus = 'pending' | 'accepted' | 'duplicate' | 'conflict' | 'invalid';

export interface OutboxMessage {
  seq: number;
  id: string;
  kind: string;
  body: string;
  sha256: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  settledAt: string | null;
}

/**
 * A body the platform would refuse never enters the queue: its kind's schema (core/sync/messages.ts) and the
 * text rule are checked here, inside the caller's transaction, so the cadre's action fails (INVALID_INPUT,
 * naming the field) before anything is saved or a receipt printed.
 */
export function checkOutboxBody(kind: string, body: unknown): void {
  if (!isOutboxKind(kind)) throw new Error(`unknown outbox kind ${kind}`);
  const checked = checkInput(OUTBOX_KINDS[kind], body);
  if (!checked.ok) throw new DaibanError('INVALID_INPUT', `这条记录无法上报省级平台：${firstRefusal(checked.fields)}`, { fields: checked.fields, kind });
}

/**
 * Queues a message for the platform. The body is stored as the exact JSON text that will be sent, and its
 * SHA-256 is taken over that text, so a resend after a crash is byte-identical and the platform sees a duplicate.
 */
export function enqueue(db: Database, m: { id: string; kind: string; body: unknown; createdAt: string }): void {
  checkOutboxBody(m.kind, m.body);
  const body = JSON.stringify(m.body);
  const sha256 = sha256Hex(body);
  stmt(db, 'INSERT INTO outbox (id, kind, body, sha256, created_at) VALUES (?, ?, ?, ?, ?)').run(m.id, m.kind, body, sha256, m.createdAt);
}

const SELECT = `SELECT seq, id, kind, body, sha256, status, attempts, last_error AS lastError,
  created_at AS createdAt, settled_at AS settledAt FROM outbox`;

/** Pending messages in queue order, after `afterSeq` (those of a batch still in flight are left out). */
export function pendingMessages(db: Database, limit: number, afterSeq = 0): OutboxMessage[] {
  return stmt<[number, number], OutboxMessage>(db, `${SELECT} WHERE status = 'pending' AND seq > ? ORDER BY seq LIMIT ?`).all(afterSeq, limit);
}

export function countPending(db: Database): number {
  return stmt<[], { n: number }>(db, `SELECT count(*) AS n FROM outbox WHERE status = 'pending'`).get()!.n;
}

export function findMessage(db: Database, id: string): OutboxMessage | null {
  return stmt<[string], OutboxMessage>(db, `${SELECT} WHERE id = ?`).get(id) ?? null;
}

export function countByOutboxStatus(db: Database, status: OutboxStatus): number {
  return stmt<[string], { n: number }>(db, `SELECT count(*) AS n FROM outbox WHERE status = ?`).get(status)!.n;
}

/** Counts one more try of each message (they went out; whatever came back, or did not). */
export function recordAttempts(db: Database, ids: readonly string[]): void {
  const s = stmt(db, 'UPDATE outbox SET attempts = attempts + 1 WHERE id = ?');
  for (const id of ids) s.run(id);
}

/** The platform's verdict on a message; only a pending message is settled (a verdict arrives once). */
export function settleMessage(db: Database, id: string, status: Exclude<OutboxStatus, 'pending'>, lastError: string | null, at: string): boolean {
  const r = stmt(db, `UPDATE outbox SET status = ?, last_error = ?, settled_at = ? WHERE id = ? AND status = 'pending'`).run(status, lastError, at, id);
  return r.changes === 1;
}

/** Messages the platform refused (invalid) or flagged (conflict), newest first: the cadre's to-do list. */
export function listRefusedMessages(db: Database, limit: number): OutboxMessage[] {
  return stmt<[number], OutboxMessage>(db, `${SELECT} WHERE status IN ('invalid', 'conflict') ORDER BY seq DESC LIMIT ?`).all(limit);
}

/** Usernames with a password change still waiting to go up: the platform's older hash must not undo it. */
export function hasPendingPasswordChange(db: Database, username: string): boolean {
  return (
    stmt<[string], { n: number }>(
      db,
      `SELECT count(*) AS n FROM outbox
       WHERE status = 'pending' AND kind = 'account.password_changed' AND json_extract(body, '$.username') = ?`,
    ).get(username)!.n > 0
  );
}
