import type { Database } from 'better-sqlite3-multiple-ciphers';
import { sha256Hex } from '../base/node/digest';
import { auditCanonical, GENESIS_HASH, type AuditEntryBody } from '../core/sync/audit';
import { stmt } from './statements';

export { GENESIS_HASH };

export interface AuditInput {
  at: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** Small JSON-safe facts about the change (no full records). */
  detail: Record<string, unknown>;
}

/** One entry as stored: core/sync/audit.ts's shape, the one the platform hashes too. */
export type AuditEntry = AuditEntryBody;

/** The hash of one entry (core/sync/audit.ts says what it covers). */
export function auditHash(e: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(auditCanonical(e));
}

/** Appends one entry; call inside the transaction of the change it records. */
export function appendAudit(db: Database, input: AuditInput): AuditEntry {
  const last = stmt<[], { seq: number; hash: string }>(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
  const partial = {
    seq: (last?.seq ?? 0) + 1,
    at: input.at,
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    detail: JSON.stringify(input.detail),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const entry = { ...partial, hash: auditHash(partial) };
  stmt(
    db,
    `INSERT INTO audit_log (seq, at, actor_id, action, entity_type, entity_id, detail, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(entry.seq, entry.at, entry.actorId, entry.action, entry.entityType, entry.entityId, entry.detail, entry.prevHash, entry.hash);
  return entry;
}

export type AuditVerdict = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Walks the whole chain; the first entry whose hash, link or numbering does not hold is reported. */
export function verifyAuditChain(db: Database): AuditVerdict {
  const rows = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM audit_log ORDER BY seq`).iterate() as IterableIterator<AuditEntry>;
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let n = 0;
  for (const row of rows) {
    n++;
    if (row.seq !== expectedSeq) return { ok: false, entries: n, brokenAt: row.seq, reason: 'gap' };
    if (row.prevHash !== prev) return { ok: false, entries: n, brokenAt: row.seq, reason: 'link' };
    const { hash, ...rest } = row;
    if (auditHash(rest) !== hash) return { ok: false, entries: n, brokenAt: row.seq, reason: 'hash' };
    prev = hash;
    expectedSeq++;
  }
  return { ok: true, entries: n };
}

const ENTRY_COLUMNS = `seq, at, actor_id AS actorId, action, entity_type AS entityType, entity_id AS entityId, detail,
  prev_hash AS prevHash, hash`;

/** Entries after `seq`, oldest first: what goes up to the platform next. */
export function auditEntriesAfter(db: Database, seq: number, limit: number): AuditEntry[] {
  return stmt<[number, number], AuditEntry>(db, `SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`).all(seq, limit);
}

/** The newest entry's number and hash: what the platform is told, so a log cut short is noticed. */
export function auditHead(db: Database): { seq: number; hash: string } | null {
  return stmt<[], { seq: number; hash: string }>(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() ?? null;
}
