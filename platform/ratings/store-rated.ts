import { shanghaiDate } from '../../core/calendar';
import { canRateResult, followUpDeadlines, isPoorRating, RATING_STAGE_NAMES } from '../../core/ratings/model';
import { CHANGE_KINDS } from '../../core/sync/changes';
import { lockApplication } from '../ingest/application-row';
import type { IngestScope, Valid } from '../ingest/scope';
import { loadRatingRules, platformCalendar } from './rules';

/**
 * service.rated, from the village terminal that took the application (validate-message checked the role and
 * the village): stored once per application and stage; a 差评 gets its 回访 and 整改 deadlines here, in working
 * days from the day the platform received it (docs/ratings.md); the terminals above the village hear of it
 * with the resident to call back.
 */
export async function storeRated(scope: IngestScope, r: Valid<'service.rated'>): Promise<void> {
  const b = r.body;
  const app = await lockApplication(scope.tx, b.applicationId);
  if (!app || app.division_code !== scope.terminal.divisionCode) {
    return scope.invalid(r.index, 'NOT_FOUND', '平台上没有本村的这件申请，无法记录这条评价');
  }
  if (app.receipt_no !== b.receiptNo || app.item_code !== b.itemCode) {
    return scope.invalid(r.index, 'INVALID_BODY', '评价中的回执编号或办理事项与平台上的申请不一致，平台未接收');
  }
  if (b.stage === 'result' && !canRateResult(app.status)) {
    return scope.invalid(r.index, 'ILLEGAL_TRANSITION', '这件申请在平台上还没有办理结果，不能做办结评价');
  }
  const [earlier] = await scope.tx.query<{ id: string }>('SELECT id::text AS id FROM ratings WHERE application_id = $1 AND stage = $2', [app.id, b.stage]);
  if (earlier) {
    if (earlier.id === b.ratingId) return scope.accept(r, app.division_code, []);
    return scope.invalid(r.index, 'ALREADY_RATED', `这件申请的${RATING_STAGE_NAMES[b.stage]}平台已经收到过，每个环节只评价一次`);
  }
  const deadlines = isPoorRating(b.level) ? followUpDeadlines(await platformCalendar(scope.tx), shanghaiDate(scope.at), await loadRatingRules(scope.tx)) : null;
  const [resident] = await scope.tx.query<{ name: string | null; phone: string | null }>(
    `SELECT body->'resident'->>'name' AS name, body->'resident'->>'phone' AS phone FROM applications WHERE id = $1`,
    [app.id],
  );
  await scope.tx.query(
    `INSERT INTO ratings (id, application_id, stage, division_code, item_code, level, reasons, comment, cadre_id, cadre_name, rated_at,
       received_at, terminal_id, revisit_due, rectify_due)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13, $14::date, $15::date)`,
    [
      b.ratingId,
      app.id,
      b.stage,
      app.division_code,
      app.item_code,
      b.level,
      JSON.stringify(b.reasons),
      b.comment,
      b.cadre.id,
      b.cadre.name,
      b.ratedAt,
      scope.at,
      scope.terminal.id,
      deadlines?.revisitDue ?? null,
      deadlines?.rectifyDue ?? null,
    ],
  );
  const body = CHANGE_KINDS['rating.received'].parse({
    ...b,
    resident: { name: resident?.name ?? '', phone: resident?.phone ?? null },
    receivedAt: scope.at,
    followUp: deadlines,
  });
  scope.accept(r, app.division_code, [
    { kind: 'rating.received', divisionCode: app.division_code, fanUp: true, body, alsoOwn: true, origin: scope.terminal.id },
  ]);
}
