import { v7 as uuidv7 } from 'uuid';
import { canTransition, transition } from '../../core/lifecycle';
import type { OutboxResult } from '../../core/sync/protocol';
import { appendAudit, findApplication, insertEvent, settleMessage, updateApplication, type OutboxMessage, type StoreDb } from '../../db';
import { settleDecision } from './settle-review';

export interface BatchTally {
  accepted: number;
  duplicate: number;
  conflict: number;
  invalid: number;
  /** Sent but not answered for: they stay pending and go again. */
  unanswered: number;
}

/** Who the application history names for what the platform did. */
export const PLATFORM_ACTOR = 'system';

/**
 * Applies the platform's verdicts on one batch in one transaction: statuses, the queued → sent move of each
 * acknowledged application (with its event), and one audit entry for the whole batch. An acknowledgement
 * is the platform's news, not ours, so it writes no outbox message.
 */
export function settleBatch(db: StoreDb, batchId: string, sent: readonly OutboxMessage[], results: readonly OutboxResult[], at: string): BatchTally {
  const byId = new Map(sent.map((m) => [m.id, m]));
  const tally: BatchTally = { accepted: 0, duplicate: 0, conflict: 0, invalid: 0, unanswered: 0 };
  const answered = new Set<string>();
  db.transaction(() => {
    for (const r of results) {
      const message = byId.get(r.id);
      if (!message || answered.has(r.id)) continue;
      answered.add(r.id);
      const reason = r.result === 'conflict' || r.result === 'invalid' ? r.reason : null;
      if (!settleMessage(db, r.id, r.result, reason, at)) continue;
      tally[r.result]++;
      if ((r.result === 'accepted' || r.result === 'duplicate') && message.kind === 'application.submitted') {
        acknowledgeApplication(db, applicationIdOf(message), at);
      }
      if (message.kind === 'review.decided') settleDecision(db, message, r, at);
    }
    tally.unanswered = sent.length - answered.size;
    appendAudit(db, {
      at,
      actorId: PLATFORM_ACTOR,
      action: 'outbox_batch_settled',
      entityType: 'outbox',
      entityId: batchId,
      detail: { ...tally },
    });
  })();
  return tally;
}

export function applicationIdOf(m: Pick<OutboxMessage, 'body'>): string | null {
  try {
    const id = (JSON.parse(m.body) as { applicationId?: unknown }).applicationId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** queued → sent; an application withdrawn meanwhile stays withdrawn (its withdrawal is queued behind). */
function acknowledgeApplication(db: StoreDb, applicationId: string | null, at: string): void {
  const before = applicationId ? findApplication(db, applicationId) : null;
  if (!before || !canTransition(before.status, 'acknowledge')) return;
  const status = transition(before.status, 'acknowledge');
  updateApplication(db, { ...before, status, updatedAt: at });
  insertEvent(db, {
    id: uuidv7(),
    applicationId: before.id,
    at,
    type: 'acknowledge',
    fromStatus: before.status,
    toStatus: status,
    actorId: PLATFORM_ACTOR,
    note: null,
  });
}
