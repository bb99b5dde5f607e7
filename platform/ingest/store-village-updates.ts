import { canTransition } from '../../core/lifecycle';
import { receivedChange } from './application-changes';
import { lockApplication, type ApplicationRow } from './application-row';
import { refusalReason } from './refusal-reasons';
import type { IngestScope, Valid } from './scope';
import { addCalendarDays, shanghaiDate } from '../../core/calendar';
import { withinJurisdiction } from '../auth/jurisdiction';
import { stopNotice } from '../review/notices';

/**
 * What the village sends after the submission: withdrawal, supplement (补正), completion. Each is judged on
 * the projection's status with core/lifecycle, one message at a time in batch order (they are rare).
 * The township terminals above hear of each through an application.received change.
 */

/** The application when it lies in the sender's jurisdiction; otherwise NOT_FOUND, saying nothing of other villages. */
async function ownApplication(scope: IngestScope, index: number, applicationId: string, doing: string): Promise<ApplicationRow | null> {
  const app = await lockApplication(scope.tx, applicationId);
  if (app && withinJurisdiction(scope.terminal.divisionCode, app.division_code)) return app;
  scope.invalid(index, 'NOT_FOUND', `平台上没有本辖区的这件申请，无法${doing}`);
  return null;
}

/** application.withdrawn → 'withdrawn'. A repeated withdrawal is accepted and changes nothing (the first stands). */
export async function storeWithdrawn(scope: IngestScope, w: Valid<'application.withdrawn'>): Promise<void> {
  const app = await ownApplication(scope, w.index, w.body.applicationId, '撤回');
  if (!app) return;
  if (app.status === 'withdrawn') return scope.accept(w, app.division_code, []);
  if (!canTransition(app.status, 'withdraw')) return scope.invalid(w.index, 'ILLEGAL_TRANSITION', refusalReason('withdraw', app.status, 'withdraw'));
  await scope.tx.query(`UPDATE applications SET status = 'withdrawn', withdrawn_at = $2, withdrawal_reason = $3, updated_at = $4 WHERE id = $1`, [
    app.id,
    w.body.withdrawnAt,
    w.body.reason,
    scope.at,
  ]);
  // Withdrawn during its notice (公示): the notice stops with it.
  if (app.status === 'publicizing') await stopNotice(scope.tx, app.id, scope.at);
  scope.accept(w, app.division_code, [
    receivedChange(
      app.division_code,
      { applicationId: app.id, receiptNo: app.receipt_no, status: 'withdrawn', at: scope.at },
      { withdrawal: w.body, origin: scope.terminal.id },
    ),
  ]);
}

/**
 * application.supplemented → 'supplemented'. The projection's body takes the new form, materials and
 * attachments (what the reviewer looks at next); `original_body` keeps the submission as first received
 * and `supplements` every supplement. The same supplement sent again is accepted and stored once.
 */
export async function storeSupplemented(scope: IngestScope, s: Valid<'application.supplemented'>): Promise<void> {
  const app = await ownApplication(scope, s.index, s.body.applicationId, '补正');
  if (!app) return;
  const bodyJson = JSON.stringify(s.body);
  if (!canTransition(app.status, 'supplement')) {
    const [last] = await scope.tx.query<{ same: boolean }>(
      'SELECT body = $2::jsonb AS same FROM supplements WHERE application_id = $1 ORDER BY id DESC LIMIT 1',
      [app.id, bodyJson],
    );
    if (app.status === 'supplemented' && last?.same) return scope.accept(s, app.division_code, []);
    return scope.invalid(s.index, 'ILLEGAL_TRANSITION', refusalReason('supplement', app.status, 'supplement'));
  }
  // The paused clock may only move the promised date later, and by less than a year.
  const due = s.body.dueDate;
  const dueDate = due && due >= app.due_date && due <= addCalendarDays(shanghaiDate(s.body.supplementedAt), 366) ? due : app.due_date;
  await scope.tx.query(
    `UPDATE applications
     SET status = 'supplemented', original_body = COALESCE(original_body, body), supplemented_at = $5, updated_at = $6, due_date = $7::date,
         body = body || jsonb_build_object('form', $2::jsonb, 'materials', $3::jsonb, 'attachments', $4::jsonb, 'dueDate', $7::text)
     WHERE id = $1`,
    [app.id, JSON.stringify(s.body.form), JSON.stringify(s.body.materials), JSON.stringify(s.body.attachments), s.body.supplementedAt, scope.at, dueDate],
  );
  await scope.tx.query(
    `INSERT INTO supplements (application_id, body, supplemented_at, message_id, terminal_id, received_at) VALUES ($1, $2::jsonb, $3, $4, $5, $6)`,
    [app.id, bodyJson, s.body.supplementedAt, s.id, scope.terminal.id, scope.at],
  );
  const fields = { applicationId: app.id, receiptNo: app.receipt_no, status: 'supplemented', at: scope.at } as const;
  // The township replica takes the promised date the platform kept.
  scope.accept(s, app.division_code, [receivedChange(app.division_code, fields, { supplement: { ...s.body, dueDate }, origin: scope.terminal.id })]);
}

/** application.completed → 'completed' (approved or rejected before). A repeated completion is accepted and changes nothing. */
export async function storeCompleted(scope: IngestScope, c: Valid<'application.completed'>): Promise<void> {
  const app = await ownApplication(scope, c.index, c.body.applicationId, '办结');
  if (!app) return;
  if (app.status === 'completed') return scope.accept(c, app.division_code, []);
  if (!canTransition(app.status, 'complete')) return scope.invalid(c.index, 'ILLEGAL_TRANSITION', refusalReason('complete', app.status, 'complete'));
  await scope.tx.query(`UPDATE applications SET status = 'completed', completed_at = $2, updated_at = $3 WHERE id = $1`, [
    app.id,
    c.body.completedAt,
    scope.at,
  ]);
  scope.accept(c, app.division_code, [
    receivedChange(app.division_code, { applicationId: app.id, receiptNo: app.receipt_no, status: 'completed', at: scope.at }, { origin: scope.terminal.id }),
  ]);
}
