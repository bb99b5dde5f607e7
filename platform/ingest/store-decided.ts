import { withinJurisdiction } from '../auth/jurisdiction';
import { applyDecision } from '../review/apply-decision';
import { lockApplication } from './application-row';
import type { IngestScope, Valid } from './scope';

/**
 * review.decided: a township's or county's reviewer's decision (the sender's role and the body's division were
 * checked before the transaction):
 * - the application exists (NOT_FOUND) and lies in the sender's township (FORBIDDEN), in the village the
 *   body names (INVALID_BODY otherwise);
 * - then platform/review/apply-decision.ts at the sender's level. Two terminals deciding at once take turns on
 *   the row lock, so the first decision wins and the second finds the application decided.
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
  // validate-message let only township and county terminals through.
  const step = scope.terminal.role === 'county' ? 'county' : 'township';
  const outcome = await applyDecision(scope, app, b, step, { terminalId: scope.terminal.id, messageId: d.id });
  if (!outcome.ok) return scope.invalid(d.index, outcome.code, outcome.reason);
  scope.accept(d, app.division_code, outcome.changes);
}
