import type { OutboxResult } from '../../core/sync/protocol';
import {
  findDecisionByMessage,
  findReview,
  hasPendingDecision,
  insertReviewEvent,
  saveReview,
  setDecisionState,
  type OutboxMessage,
  type StoreDb,
} from '../../db';
import { PLATFORM_NAME } from './apply-township';

/**
 * The platform's verdict on a township decision, inside the batch's transaction. Accepted: the decision is
 * final. Refused (e.g. the village withdrew meanwhile): the decision is marked refused and the replica goes
 * back to what the platform last reported, so the reviewer never sees a decision that did not happen.
 */
export function settleDecision(db: StoreDb, message: OutboxMessage, result: OutboxResult, at: string): void {
  const decision = findDecisionByMessage(db, message.id);
  if (!decision || decision.state !== 'pending') return;
  if (result.result === 'accepted' || result.result === 'duplicate') {
    setDecisionState(db, decision.id, 'synced', null);
    return;
  }
  const reason = result.reason;
  setDecisionState(db, decision.id, 'refused', reason);
  const row = findReview(db, decision.applicationId);
  if (!row) return;
  const status = hasPendingDecision(db, row.id) ? row.status : row.platformStatus;
  saveReview(db, { ...row, status, updatedAt: at });
  insertReviewEvent(db, row.id, { at, type: 'decision_refused', status, actorName: PLATFORM_NAME, note: `审核意见未被省级平台接收：${reason}` });
}
