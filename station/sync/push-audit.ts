import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AUDIT_KIND, type AuditEntryBody } from '../../core/sync/audit';
import { LIMITS, outboxResponseSchema, type OutboxMessage } from '../../core/sync/protocol';
import { auditEntriesAfter, getSetting, setSetting, type AuditEntry } from '../../db';
import { SETTINGS } from '../settings-keys';
import { SyncError, SYNC_MESSAGES } from './errors';
import type { SyncRun } from './run';

/** Entries are small (~300 bytes of JSON): a batch of this many stays far below the batch byte limit. */
const AUDIT_BATCH = Math.min(LIMITS.outboxBatchMessages, 500);

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * The message id of an entry: a UUID (version 8) made from its seq and hash, so a resend after a crash is a
 * duplicate, while the same seq with another hash (a rewritten chain) is a new id the platform judges.
 */
export function auditMessageId(seq: number, hash: string): string {
  const h = sha256(`${AUDIT_KIND}:${seq}:${hash}`);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function auditMessage(e: AuditEntry): OutboxMessage {
  const body: AuditEntryBody = {
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    detail: e.detail,
    prevHash: e.prevHash,
    hash: e.hash,
  };
  const text = JSON.stringify(body);
  return { id: auditMessageId(e.seq, e.hash), kind: AUDIT_KIND, body: text, sha256: sha256(text) };
}

function sentSeq(run: SyncRun): number {
  const n = Number(getSetting(run.db, SETTINGS.auditSentSeq) ?? '0');
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

/**
 * Sends the audit chain after what the platform already has, in seq order, as `audit.entry` outbox
 * messages read from the chain itself: there is no second copy for someone with the store key to keep
 * tidy. Any verdict settles an entry (the platform records what it finds, a refusal included); the cursor
 * moves past the answered prefix only, in its own small transaction. Settling writes no audit entry of its
 * own, so the chain does not feed itself.
 */
export async function pushAudit(run: SyncRun): Promise<{ sent: number }> {
  let sent = 0;
  for (;;) {
    if (run.signal.aborted) throw new SyncError('aborted', SYNC_MESSAGES.aborted);
    const entries = auditEntriesAfter(run.db, sentSeq(run), AUDIT_BATCH);
    if (entries.length === 0) return { sent };
    const messages = entries.map(auditMessage);
    const response = await run.client.json(
      { method: 'POST', path: '/v1/outbox', gzip: true, json: { batchId: uuidv7(), messages } },
      outboxResponseSchema,
    );
    const answered = new Set(response.results.map((r) => r.id));
    let upTo = 0;
    for (const [i, m] of messages.entries()) {
      if (!answered.has(m.id)) break;
      upTo = entries[i]!.seq;
    }
    for (const r of response.results) {
      if (r.result === 'invalid' || r.result === 'conflict') run.log.warn({ id: r.id, result: r.result, reason: r.reason }, 'sync: audit entry refused');
    }
    if (upTo === 0) throw new SyncError('protocol', SYNC_MESSAGES.protocol, { details: { audit: true } });
    setSetting(run.db, SETTINGS.auditSentSeq, String(upTo));
    sent += messages.filter((_, i) => entries[i]!.seq <= upTo).length;
  }
}
