import { ACTION_LABEL } from '../../core/lifecycle';
import type { StationParsedInput } from '../../core/api/schemas';
import type { ReviewDetailView } from '../../core/api/views';
import { shanghaiDate } from '../../core/calendar';
import { DaibanError } from '../../core/errors';
import { dropUnsentDecision, latestDecision, insertReviewEvent, saveReview } from '../../db';
import type { StationContext } from '../context';
import { recordChange } from '../runtime/record-change';
import { REVIEW_ROLES, requireUser } from '../runtime/guard';
import { loadReview } from './handlers';
import { toReviewDetail } from './views';

/**
 * review.undo: a decision taken back before it left this terminal. Refused while a sync runs (it may be on
 * its way) and once it was sent: then it stands, and a correction is a matter for the platform. The replica
 * goes back to what the platform last reported; history and audit log keep both the decision and its undoing.
 */
export function undo(isSyncing: () => boolean) {
  return (ctx: StationContext, input: StationParsedInput<'review.undo'>): ReviewDetailView => {
    const user = requireUser(ctx, REVIEW_ROLES);
    const row = loadReview(ctx, input.applicationId);
    const decision = latestDecision(ctx.db, row.id);
    if (!decision || decision.state !== 'pending' || !decision.messageId) {
      throw new DaibanError('ILLEGAL_TRANSITION', '这件申请没有尚未上报的审核决定，已上报的决定不能在本机撤销。', { id: row.id });
    }
    if (isSyncing()) throw new DaibanError('ILLEGAL_TRANSITION', '正在与省级平台同步，审核决定可能正在上报，请等同步结束后再撤销。');
    const at = ctx.clock.now().toISOString();
    const after = { ...row, status: row.platformStatus, updatedAt: at };
    ctx.db.transaction(() => {
      if (!dropUnsentDecision(ctx.db, decision.id, decision.messageId!)) {
        throw new DaibanError('ILLEGAL_TRANSITION', '这个审核决定已经上报，不能再撤销。', { id: row.id });
      }
      saveReview(ctx.db, after);
      insertReviewEvent(ctx.db, row.id, {
        at,
        type: 'decision_undone',
        status: after.status,
        actorName: user.displayName,
        note: `撤销了尚未上报的“${ACTION_LABEL[decision.decision]}”决定`,
      });
      recordChange(ctx, {
        at,
        actorId: user.id,
        audit: {
          action: 'review_undone',
          entityType: 'application',
          entityId: row.id,
          detail: { decisionId: decision.id, decision: decision.decision, receiptNo: row.receiptNo },
        },
      });
    })();
    return toReviewDetail(ctx, after, shanghaiDate(at));
  };
}
