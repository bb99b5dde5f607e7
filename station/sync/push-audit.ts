import { v7 as uuidv7 } from 'uuid';
import { AUDIT_KIND, AUDIT_RUN_MAX, auditFieldsOf, type AuditRun } from '../../core/sync/audit';
import { outboxResponseSchema, type OutboxMessage } from '../../core/sync/protocol';
import { auditEntriesAfter, getSetting, setSetting, type AuditEntry } from '../../db';
import { SETTINGS } from '../runtime/settings-keys';
import { SyncError, SYNC_MESSAGES } from './errors';
import { onWire, sendsDigest } from './outbox-wire';
import type { SyncRun } from './run';
import { sha256Hex } from '../../base/node/digest';

/** Entries read per request: a few runs, well inside one batch's megabyte. */
const ENTRIES_PER_REQUEST = 2 * AUDIT_RUN_MAX;

/**
 * The message id of a run: a UUID (version 8) made from where it starts, how long it is and its head hash,
 * so a resend after a crash is a duplicate, while a rewritten stretch of the chain is a new id the
 * platform judges.
 */
export function auditMessageId(fromSeq: number, count: number, headHash: string): string {
  const h = sha256Hex(`${AUDIT_KIND}:${fromSeq}:${count}:${headHash}`);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Consecutive entries as runs: a hole in the numbering (an entry deleted here) starts a new run. */
export function auditRuns(entries: readonly AuditEntry[]): { run: AuditRun; lastSeq: number }[] {
  const runs: { run: AuditRun; lastSeq: number }[] = [];
  for (const e of entries) {
    const open = runs.at(-1);
    if (open && e.seq === open.lastSeq + 1 && open.run.entries.length < AUDIT_RUN_MAX) {
      open.run.entries.push(auditFieldsOf(e));
      open.run.headHash = e.hash;
      open.lastSeq = e.seq;
    } else {
      runs.push({ run: { fromSeq: e.seq, prevHash: e.prevHash, entries: [auditFieldsOf(e)], headHash: e.hash }, lastSeq: e.seq });
    }
  }
  return runs;
}

export function auditMessage(run: AuditRun): OutboxMessage {
  const text = JSON.stringify(run);
  return { id: auditMessageId(run.fromSeq, run.entries.length, run.headHash), kind: AUDIT_KIND, body: text, sha256: sha256Hex(text) };
}

function sentSeq(run: SyncRun): number {
  const n = Number(getSetting(run.db, SETTINGS.auditSentSeq) ?? '0');
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

/**
 * Sends the audit chain after what the platform already has, in seq order, as `audit.entries` outbox
 * messages read from the chain itself: there is no second copy for someone with the store key to keep
 * tidy. Any verdict settles a run (the platform records what it finds, a refusal included); the cursor moves
 * past the answered prefix only. Settling writes no audit entry of its own, so the chain does not feed itself.
 */
export async function pushAudit(run: SyncRun): Promise<{ sent: number }> {
  let sent = 0;
  for (;;) {
    if (run.signal.aborted) throw new SyncError('aborted', SYNC_MESSAGES.aborted);
    const runs = auditRuns(auditEntriesAfter(run.db, sentSeq(run), ENTRIES_PER_REQUEST));
    if (runs.length === 0) return { sent };
    const messages = runs.map((r) => auditMessage(r.run));
    const response = await run.client.json(
      { method: 'POST', path: '/v1/outbox', gzip: true, json: { batchId: uuidv7(), messages: messages.map((m) => onWire(m, sendsDigest(run))) } },
      outboxResponseSchema,
    );
    const answered = new Set(response.results.map((r) => r.id));
    let upTo = 0;
    for (const [i, m] of messages.entries()) {
      if (!answered.has(m.id)) break;
      upTo = runs[i]!.lastSeq;
      sent += runs[i]!.run.entries.length;
    }
    for (const r of response.results) {
      if (r.result === 'invalid' || r.result === 'conflict') run.log.warn({ id: r.id, result: r.result, reason: r.reason }, 'sync: audit run refused');
    }
    if (upTo === 0) throw new SyncError('protocol', SYNC_MESSAGES.protocol, { details: { audit: true } });
    setSetting(run.db, SETTINGS.auditSentSeq, String(upTo));
  }
}
