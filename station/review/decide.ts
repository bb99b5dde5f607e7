import { v7 as uuidv7 } from 'uuid';
import type { StationParsedInput } from '../../core/api/schemas';
import type { DecideManyResult, ReviewDetailView } from '../../core/api/views';
import { isDaibanError } from '../../core/errors';
import { shanghaiDate } from '../../core/calendar';
import { transition } from '../../core/lifecycle';
import { decisionAction } from '../../core/review-levels';
import type { ReviewDecided } from '../../core/sync/messages';
import { findReview, insertDecision, insertReviewEvent, saveReview, type DecisionRow, type ReviewRow, type UserRow } from '../../db';
import { recordChange } from '../runtime/record-change';
import type { StationContext } from '../context';
import { decisionEventType, decisionNote } from './decision-views';
import { toReviewDetail } from './views';
import { REVIEW_ROLES, requireUser } from '../runtime/guard';
import { deciderStep } from '../runtime/terminal-role';
import { loadReview } from './handlers';

/** One decision in its own transaction; returns the replica's row after it. Refusals are Chinese DaibanErrors. */
function decideOne(
  ctx: StationContext,
  user: UserRow,
  input: Pick<StationParsedInput<'review.decide'>, 'applicationId' | 'decision' | 'reason' | 'supplement'>,
): ReviewRow {
  const before = loadReview(ctx, input.applicationId);
  // Which level this terminal is, and what the decision means on the item's route (core/review-levels.ts).
  const step = deciderStep(ctx.db);
  const levels = ctx.catalog.levels(before.itemCode, before.catalogVersion);
  const status = transition(before.status, decisionAction(levels, before.status, input.decision, step));
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
    step,
    statusAfter: status,
  };
  const after: ReviewRow = { ...before, status, updatedAt: at };
  ctx.db.transaction(() => {
    saveReview(ctx.db, after);
    insertDecision(ctx.db, row);
    insertReviewEvent(ctx.db, before.id, {
      at,
      type: decisionEventType(step, input.decision),
      status,
      actorName: user.displayName,
      note: decisionNote(row),
    });
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
  return after;
}

/**
 * A reviewer's decision, made with or without the link: in one transaction the replica moves (core/lifecycle
 * refuses a second decision; core/review-levels one this level may not take now: a county before its step), the decision is stored as pending, the history and audit log get an entry and
 * the outbox a `review.decided`. It is final once the platform accepts it; a refusal undoes the move
 * (station/sync/settle-review.ts).
 */
export function decide(ctx: StationContext, input: StationParsedInput<'review.decide'>): ReviewDetailView {
  const user = requireUser(ctx, REVIEW_ROLES);
  const after = decideOne(ctx, user, input);
  return toReviewDetail(ctx, after, shanghaiDate(after.updatedAt));
}

/**
 * One decision for several applications (a batch): each is checked and decided on its own, in its own
 * transaction and with its own decision record, so one that cannot be decided (withdrawn meanwhile, already
 * decided, not on this terminal) is reported with the reason and stops none of the others.
 */
export function decideMany(ctx: StationContext, input: StationParsedInput<'review.decideMany'>): DecideManyResult {
  const user = requireUser(ctx, REVIEW_ROLES);
  const result: DecideManyResult = { decided: [], refused: [] };
  for (const applicationId of input.applicationIds) {
    try {
      const after = decideOne(ctx, user, { applicationId, decision: input.decision, reason: input.reason });
      result.decided.push({ id: after.id, receiptNo: after.receiptNo, residentName: after.resident.name, status: after.status });
    } catch (e) {
      const known = findReview(ctx.db, applicationId);
      if (!isDaibanError(e)) ctx.log.error({ err: e, applicationId }, 'review: one decision of a batch failed');
      result.refused.push({
        id: applicationId,
        receiptNo: known?.receiptNo ?? null,
        residentName: known?.resident.name ?? null,
        reason: isDaibanError(e) ? e.message : '这件申请没能审核，请单独打开重试。',
      });
    }
  }
  return result;
}
