import { isDaibanError } from '../../core/errors';
import { canTransition, transition, type ApplicationAction, type ApplicationStatus } from '../../core/lifecycle';
import { decisionAction, type DecidingRole } from '../../core/review-levels';
import type { ReviewDecided } from '../../core/sync/messages';
import type { NewChange } from '../change-feed';
import type { PlatformDb, Queryable } from '../database/types';
import { decidedChanges, receivedChange } from '../ingest/application-changes';
import type { ApplicationRow } from '../ingest/application-row';
import { refusalReason } from '../ingest/refusal-reasons';
import { applicationLevels } from './levels';
import { moveNotice } from './notices';

/** Who sent a decision: a township's or county's terminal (by an outbox message) or a gateway connector. */
export type DecisionSource = { terminalId: string; messageId: string } | { connector: string };

export type DecisionOutcome =
  { ok: true; changes: NewChange[]; duplicate: boolean; status: ApplicationStatus } | { ok: false; code: 'FORBIDDEN' | 'ILLEGAL_TRANSITION'; reason: string };

/**
 * A decision on an application already locked (lockApplication), at the level `step` decides for; the caller
 * checked the body and who may send it. One rule for a terminal's review.decided and an external system's
 * decision through the gateway:
 * - the decisionId seen before with the same content: a duplicate, applied once; with other content, refused;
 * - the level may decide now (core/review-levels.ts decisionAction, by the item's levels in the catalog
 *   version the application came under);
 * - the move is start_review (when sent or supplemented) then the decision's action, by core/lifecycle.
 * A pass into the notice opens its period; a rejection during it stops it (platform/review/notices.ts).
 * The village gets application.decided; the terminals above it get it too (fan_up) with the new status.
 */
export async function applyDecision(
  t: { tx: Queryable; db: PlatformDb; at: string },
  app: ApplicationRow,
  b: ReviewDecided,
  step: DecidingRole,
  source: DecisionSource,
): Promise<DecisionOutcome> {
  const bodyJson = JSON.stringify(b);
  const [prior] = await t.tx.query<{ same: boolean }>('SELECT body = $2::jsonb AS same FROM decisions WHERE decision_id = $1', [b.decisionId, bodyJson]);
  if (prior?.same) return { ok: true, changes: [], duplicate: true, status: app.status };
  if (prior) return { ok: false, code: 'ILLEGAL_TRANSITION', reason: '平台已收到编号相同而内容不同的审核决定，以先收到的为准' };

  const from = canTransition(app.status, 'start_review') ? transition(app.status, 'start_review') : app.status;
  const levels = await applicationLevels(t.db, t.tx, app);
  let action: ApplicationAction;
  try {
    action = decisionAction(levels, from, b.decision, step);
  } catch (e) {
    if (isDaibanError(e)) return { ok: false, code: 'FORBIDDEN', reason: e.message };
    throw e;
  }
  if (!canTransition(from, action)) return { ok: false, code: 'ILLEGAL_TRANSITION', reason: refusalReason('decide', app.status, action) };
  const to = transition(from, action);

  await t.tx.query('UPDATE applications SET status = $2, decided_at = $3, updated_at = $4 WHERE id = $1', [app.id, to, b.decidedAt, t.at]);
  await t.tx.query(
    `INSERT INTO decisions (decision_id, application_id, division_code, decision, status_after, reason, supplement, reviewer_id, reviewer_name,
                            decided_at, body, message_id, terminal_id, connector, received_at, step)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16)`,
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
      'messageId' in source ? source.messageId : null,
      'terminalId' in source ? source.terminalId : null,
      'connector' in source ? source.connector : null,
      t.at,
      step,
    ],
  );
  const notice = await moveNotice(t, { id: app.id, divisionCode: app.division_code, decisionId: b.decisionId, from, to, levels });
  return {
    ok: true,
    duplicate: false,
    status: to,
    changes: [
      // The decision before the bare status, so a township replica records who decided before it sees the status.
      ...decidedChanges(b, app.receipt_no, to, { step, notice }),
      receivedChange(app.division_code, { applicationId: app.id, receiptNo: app.receipt_no, status: to, at: t.at }),
    ],
  };
}
