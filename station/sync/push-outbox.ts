import { v7 as uuidv7 } from 'uuid';
import { LIMITS, outboxResponseSchema } from '../../core/sync/protocol';
import { blobSettled, countPending, pendingMessages, recordAttempts, settleMessage, type OutboxMessage, type StoreDb } from '../../db';
import { SyncError, SYNC_MESSAGES } from './errors';
import { onWire, sendsDigest } from './outbox-wire';
import { settleBatch, type BatchTally } from './settle-batch';
import { nowIso, type SyncRun } from './run';

/** A message that can never fit a batch is refused here, with a reason the cadre reads, so it cannot block the queue. */
export const TOO_LARGE_REASON = '该条记录内容过大，无法上报省级平台，请联系县级运维人员处理。';

/** `{"batchId":"<uuid>","messages":[]}` and a little slack. */
const BATCH_OVERHEAD_BYTES = 80;

const wireSize = (m: OutboxMessage, digest: boolean) => Buffer.byteLength(JSON.stringify(onWire(m, digest))) + 1;

function attachmentsReady(db: StoreDb, m: OutboxMessage): boolean {
  if (m.kind !== 'application.submitted' && m.kind !== 'application.supplemented') return true;
  try {
    const { attachments } = JSON.parse(m.body) as { attachments?: { sha256?: unknown }[] };
    return (attachments ?? []).every((a) => typeof a.sha256 !== 'string' || blobSettled(db, a.sha256));
  } catch {
    return true; // unreadable: let the platform say why
  }
}

export interface NextBatch {
  messages: OutboxMessage[];
  /** A message waits for its attachments (saved during this run): stop here, keep the order. */
  heldBack: boolean;
}

/**
 * The next batch in seq order, bounded by message count and by JSON bytes. Stops before the first message
 * whose attachments are not on the platform yet, so nothing overtakes it (a withdrawal its submission).
 */
export function nextBatch(db: StoreDb, at: string, digest = true, afterSeq = 0): NextBatch {
  const messages: OutboxMessage[] = [];
  let bytes = BATCH_OVERHEAD_BYTES;
  for (const m of pendingMessages(db, LIMITS.outboxBatchMessages, afterSeq)) {
    const size = wireSize(m, digest);
    if (BATCH_OVERHEAD_BYTES + size > LIMITS.outboxBatchBytes) {
      if (messages.length > 0) break;
      settleMessage(db, m.id, 'invalid', TOO_LARGE_REASON, at);
      continue;
    }
    if (bytes + size > LIMITS.outboxBatchBytes) break;
    if (!attachmentsReady(db, m)) return { messages, heldBack: true };
    messages.push(m);
    bytes += size;
  }
  return { messages, heldBack: false };
}

/** Lets the request just started reach the socket before the event loop is held by a settle. */
const dispatched = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

/**
 * Pushes the queue batch by batch until it is empty. "Sent" is only what the platform acknowledged; a
 * refused message is marked with the platform's reason and the rest go on.
 *
 * Pipelined: once a batch is acknowledged, the next one (the messages after it) goes out at once, and the
 * acknowledged one is settled while the next is on the wire, so the terminal's own work between batches costs
 * no time on a slow link. The platform still has one batch of this terminal at a time, in order, and a
 * settle always happens (before an error is thrown too); a crash between the two leaves the acknowledged
 * messages pending, and their resend is answered `duplicate`.
 */
export async function pushOutbox(run: SyncRun): Promise<{ tally: BatchTally; heldBack: boolean }> {
  const tally: BatchTally = { accepted: 0, duplicate: 0, conflict: 0, invalid: 0, unanswered: 0 };
  const total = countPending(run.db);
  let done = 0;
  run.progress(0, total);
  const digest = sendsDigest(run);
  let unsettled: (() => void) | null = null;
  const settleLast = () => {
    const settle = unsettled;
    unsettled = null;
    settle?.();
  };
  let afterSeq = 0;
  try {
    for (;;) {
      if (run.signal.aborted) throw new SyncError('aborted', SYNC_MESSAGES.aborted);
      const { messages, heldBack } = nextBatch(run.db, nowIso(run), digest, afterSeq);
      if (messages.length === 0) return { tally, heldBack };
      const batchId = uuidv7();
      run.db.transaction(() =>
        recordAttempts(
          run.db,
          messages.map((m) => m.id),
        ),
      )();
      const request = run.client.json(
        { method: 'POST', path: '/v1/outbox', gzip: true, json: { batchId, messages: messages.map((m) => onWire(m, digest)) } },
        outboxResponseSchema,
      );
      if (unsettled) {
        // Handled below (await request); marked now so a refusal during the wait is not an unhandled rejection.
        request.catch(() => undefined);
        await dispatched();
        settleLast();
      }
      const response = await request;
      afterSeq = messages[messages.length - 1]!.seq;
      unsettled = () => {
        const t = settleBatch(run.db, batchId, messages, response.results, nowIso(run));
        for (const k of ['accepted', 'duplicate', 'conflict', 'invalid', 'unanswered'] as const) tally[k] += t[k];
        done += messages.length - t.unanswered;
        run.progress(Math.min(done, total), Math.max(total, done));
        // The platform answered for none of them: sending the same batch again would loop forever.
        if (t.unanswered === messages.length) throw new SyncError('protocol', SYNC_MESSAGES.protocol, { details: { batchId } });
      };
      if (heldBack) return { tally, heldBack };
    }
  } finally {
    settleLast();
  }
}
