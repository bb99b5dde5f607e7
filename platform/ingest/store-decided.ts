import { isDaibanError } from '../../core/errors';
import { canTransition, transition, type ApplicationAction } from '../../core/lifecycle';
import { decisionAction } from '../../core/review-levels';
import { applicationLevels } from '../review/levels';
import { moveNotice } from '../review/notices';
import { withinJurisdiction } from '../auth/jurisdiction';
import { decidedChanges, receivedChange } from './application-changes';
import { lockApplication } from './application-row';
import { refusalReason } from './refusal-reasons';
import type { IngestScope, Valid } from './scope';

/**
 * review.decided: a township's or county's reviewer's decision, checked against the projection (the sender's role and the
 * body's division were checked before the transaction):
 * - the application exists (NOT_FOUND) and lies in the sender's township (FORBIDDEN), in the village the
 *   body names (INVALID_BODY otherwise);
 * - the decisionId seen before with the same content: accepted, applied once (a resend under a new message
 *   id); with other content: ILLEGAL_TRANSITION;
 * - the level may decide now (core/review-levels.ts decisionAction, by the item's levels in the catalog
 *   version the application came under): a township at its step, a county at its; FORBIDDEN otherwise;
 * - the move is start_review (when sent or supplemented) then the decision's action (a township's approval
 *   of a multi-level item is publicize or refer), by core/lifecycle; anything else is ILLEGAL_TRANSITION.
 *   Two terminals deciding at once take turns on the row lock, so the first decision wins and the second
 *   finds the application decided.
 * A pass into the notice opens its period; a rejection during it stops it (platform/review/notices.ts).
 * The village gets application.decided; the township terminals get it too (fan_up) and the new status
 * (application.received), which is what a terminal that only follows statuses needs.
 */
export async function storeDecided(scope: IngestScope, d: Valid<'review.decided'>): Promise<void> {
  const b = d.body;
  const app = await lockApplication(scope.tx, b.applicationId);
  if (!app) return scope.invalid(d.index, 'NOT_FOUND', '平台上没有这件申请（可能村里尚未同步上来），暂不能审核');
  if (!withinJurisdiction(scope.terminal.divisionCode, app.division_code)) {
    return scope.invalid(d.index, 'FORBIDDEN', `这件申请属于 ${app.division_code}，不在本乡镇（${scope.terminal.divisionCode}）辖区，不能审核`);
  }
  if (app.division_code !== b.divisionCode) {
    return scope.invalid(d.index, 'INVALID_BODY', `审核决定中的村级区划代码（${b.divisionCode}）与申请所属村（${app.division_code}）不一致，平台未接收`);
  }
  const bodyJson = JSON.stringify(b);
  const [prior] = await scope.tx.query<{ same: boolean }>('SELECT body = $2::jsonb AS same FROM decisions WHERE decision_id = $1', [b.decisionId, bodyJson]);
  if (prior?.same) return scope.accept(d, app.division_code, []);
  if (prior) return scope.invalid(d.index, 'ILLEGAL_TRANSITION', '平台已收到编号相同而内容不同的审核决定，以先收到的为准');

  const from = canTransition(app.status, 'start_review') ? transition(app.status, 'start_review') : app.status;
  const levels = await applicationLevels(scope.db, scope.tx, app);
  // validate-message let only township and county terminals through.
  const step = scope.terminal.role === 'county' ? 'county' : 'township';
  let action: ApplicationAction;
  try {
    action = decisionAction(levels, from, b.decision, step);
  } catch (e) {
    if (isDaibanError(e)) return scope.invalid(d.index, 'FORBIDDEN', e.message);
    throw e;
  }
  if (!canTransition(from, action)) return scope.invalid(d.index, 'ILLEGAL_TRANSITION', refusalReason('decide', app.status, action));
  const to = transition(from, action);

  await scope.tx.query('UPDATE applications SET status = $2, decided_at = $3, updated_at = $4 WHERE id = $1', [app.id, to, b.decidedAt, scope.at]);
  await scope.tx.query(
    `INSERT INTO decisions (decision_id, application_id, division_code, decision, status_after, reason, supplement, reviewer_id, reviewer_name,
                            decided_at, body, message_id, terminal_id, received_at, step)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11::jsonb, $12, $13, $14, $15)`,
    [
      b.decisionId,
      app.id,
      app.division_code,
      b.decision,
      to,
      b.reason,
      b.supplement === null ? null : JSON.stringify(b.supplement),
      b.reviewer.id,
      b.reviewer.name,
      b.decidedAt,
      bodyJson,
      d.id,
      scope.terminal.id,
      scope.at,
      step,
    ],
  );
  const notice = await moveNotice(scope, { id: app.id, divisionCode: app.division_code, decisionId: b.decisionId, from, to, levels });
  scope.accept(d, app.division_code, [
    // The decision before the bare status, so a township replica records who decided before it sees the status.
    ...decidedChanges(b, app.receipt_no, to, { step, notice }),
    receivedChange(app.division_code, { applicationId: app.id, receiptNo: app.receipt_no, status: to, at: scope.at }),
  ]);
}
