import { v7 as uuidv7 } from 'uuid';
import type { StationParsedInput } from '../../core/api/schemas';
import type { ReviewDetailView } from '../../core/api/views';
import { shanghaiDate } from '../../core/calendar';
import { transition, type ApplicationAction } from '../../core/lifecycle';
import type { Decision, ReviewDecided } from '../../core/sync/messages';
import { insertDecision, insertReviewEvent, saveReview, type DecisionRow } from '../../db';
import { recordChange } from '../runtime/record-change';
import type { StationContext } from '../context';
import { decisionNote } from './decision-views';
import { toReviewDetail } from './views';
import { REVIEW_ROLES, requireUser } from '../runtime/guard';
import { loadReview } from './handlers';

const ACTION: Record<Decision, ApplicationAction> = { approve: 'approve', reject: 'reject', request_supplement: 'request_supplement' };

/**
 * A reviewer's decision, made with or without the link: in one transaction the replica moves (core/lifecycle
 * refuses a second decision), the decision is stored as pending, the history and audit log get an entry and
 * the outbox a `review.decided`. It is final once the platform accepts it; a refusal undoes the move
 * (station/sync/settle-review.ts).
 */
export function decide(ctx: StationContext, input: StationParsedInput<'review.decide'>): ReviewDetailView {
  const user = requireUser(ctx, REVIEW_ROLES);
  const before = loadReview(ctx, input.applicationId);
  const status = transition(before.status, ACTION[input.decision]);
  const at = ctx.clock.now().toISOString();
  // The wire schema wants at least 2 characters; a stray "好" on an approval is dropped rather than refused later.
  const reason = input.reason && input.reason.length >= 2 ? input.reason : null;
  const supplement =
    input.decision === 'request_supplement' && input.supplement ? { items: input.supplement.items, note: input.supplement.note || null } : null;
  const body: ReviewDecided = {
    decisionId: uuidv7(),
    applicationId: before.id,
    divisionCode: before.villageCode,
    decision: input.decision,
    reason,
    supplement,
    reviewer: { id: user.id, name: user.displayName },
    decidedAt: at,
  };
  const messageId = uuidv7();
  const row: DecisionRow = {
    id: body.decisionId,
    applicationId: before.id,
    decision: body.decision,
    reason: body.reason,
    supplement,
    reviewerId: user.id,
    reviewerName: user.displayName,
    decidedAt: at,
    state: 'pending',
    refusedReason: null,
    messageId,
    recordedAt: at,
  };
  ctx.db.transaction(() => {
    saveReview(ctx.db, { ...before, status, updatedAt: at });
    insertDecision(ctx.db, row);
    insertReviewEvent(ctx.db, before.id, { at, type: input.decision, status, actorName: user.displayName, note: decisionNote(row) });
    recordChange(ctx, {
      at,
      actorId: user.id,
      outbox: { kind: 'review.decided', body, id: messageId },
      audit: {
        action: 'review_decided',
        entityType: 'application',
        entityId: before.id,
        detail: { decisionId: row.id, decision: row.decision, receiptNo: before.receiptNo },
      },
    });
  })();
  return toReviewDetail(ctx, { ...before, status, updatedAt: at }, shanghaiDate(at));
}
