import { shanghaiDateTime } from '../../core/calendar';
import { CHANGE_KINDS, type ChangeKind } from '../../core/sync/changes';
import type { HandoverListed } from '../../core/sync/messages';
import { withinJurisdiction } from '../auth/jurisdiction';
import type { NewChange } from '../change-feed';
import { isoOf } from '../database/types';
import type { IngestScope, Valid } from './scope';

/**
 * Handover lists (交接清单): the village lists the paper it sends, the township confirms what arrived.
 * Both are first-wins: the same content again is accepted and stored once, other content under the same
 * list id is ILLEGAL_TRANSITION (the paper already printed, or the confirmation already given, stands).
 */

function handoverChange(kind: Extract<ChangeKind, 'handover.listed' | 'handover.confirmed'>, divisionCode: string, fanUp: boolean, body: unknown): NewChange {
  return { kind, divisionCode, fanUp, body: CHANGE_KINDS[kind].parse(body) };
}

/** handover.listed → handover_lists + handover_items; up to the township (fan_up) and to the village's other terminals. */
export async function storeHandoverListed(scope: IngestScope, l: Valid<'handover.listed'>): Promise<void> {
  const b = l.body;
  const bodyJson = JSON.stringify(b);
  const [prior] = await scope.tx.query<{ same: boolean }>('SELECT body = $2::jsonb AS same FROM handover_lists WHERE list_id = $1', [b.listId, bodyJson]);
  if (prior?.same) return scope.accept(l, b.divisionCode, []);
  if (prior) return scope.invalid(l.index, 'ILLEGAL_TRANSITION', `平台已收到编号相同而内容不同的交接清单（${b.listNo}），以先收到的为准`);
  const foreign = await scope.tx.query<{ receipt_no: string }>(
    'SELECT receipt_no FROM applications WHERE id = ANY($1::uuid[]) AND division_code <> $2 LIMIT 3',
    [b.applications.map((a) => a.applicationId), b.divisionCode],
  );
  if (foreign.length > 0) {
    return scope.invalid(l.index, 'FORBIDDEN', `交接清单中有不属于本村的申请（回执号 ${foreign.map((f) => f.receipt_no).join('、')}），平台不予接收`);
  }
  await scope.tx.query(
    `INSERT INTO handover_lists (list_id, list_no, division_code, body, created_at, cadre_id, cadre_name, terminal_id, received_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9)`,
    [b.listId, b.listNo, b.divisionCode, bodyJson, b.createdAt, b.cadre.id, b.cadre.name, scope.terminal.id, scope.at],
  );
  await scope.tx.query(
    `INSERT INTO handover_items (list_id, position, application_id, receipt_no, material_keys)
     SELECT $1, e.n, (e.v->>'applicationId')::uuid, e.v->>'receiptNo', e.v->'materialKeys'
     FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(v, n)`,
    [b.listId, JSON.stringify(b.applications)],
  );
  scope.accept(l, b.divisionCode, [{ ...handoverChange('handover.listed', b.divisionCode, true, b), alsoOwn: true, origin: scope.terminal.id }]);
}

/** handover.confirmed → the list's confirmation and each item's missing materials; to the village and its township. */
export async function storeHandoverConfirmed(scope: IngestScope, c: Valid<'handover.confirmed'>): Promise<void> {
  const b = c.body;
  const bodyJson = JSON.stringify(b);
  const [list] = await scope.tx.query<{ division_code: string; body: HandoverListed; confirmed: boolean; same: boolean | null; confirmed_at: unknown }>(
    `SELECT division_code, body, confirmation IS NOT NULL AS confirmed, confirmation = $2::jsonb AS same, confirmed_at
     FROM handover_lists WHERE list_id = $1 FOR UPDATE`,
    [b.listId, bodyJson],
  );
  if (!list) return scope.invalid(c.index, 'NOT_FOUND', '平台上没有这份交接清单（可能村里尚未同步上来），暂不能确认');
  if (list.division_code !== b.divisionCode) {
    return withinJurisdiction(scope.terminal.divisionCode, list.division_code)
      ? scope.invalid(c.index, 'INVALID_BODY', `确认中的区划代码（${b.divisionCode}）与交接清单所属村（${list.division_code}）不一致，平台未接收`)
      : scope.invalid(c.index, 'FORBIDDEN', '这份交接清单不属于本乡镇，不能确认');
  }
  if (list.same) return scope.accept(c, b.divisionCode, []);
  if (list.confirmed) {
    const when = shanghaiDateTime(isoOf(list.confirmed_at));
    return scope.invalid(c.index, 'ILLEGAL_TRANSITION', `这份交接清单已于 ${when} 确认过，不能再次确认`);
  }
  const listed = new Set(list.body.applications.map((a) => a.applicationId));
  const stray = b.missing.find((m) => !listed.has(m.applicationId));
  if (stray) return scope.invalid(c.index, 'INVALID_BODY', '登记缺少的材料所属申请不在这份交接清单上，平台未接收');

  await scope.tx.query(
    `UPDATE handover_lists SET confirmation = $2::jsonb, confirmed_at = $3, confirmed_by = $4, confirmation_received_at = $5 WHERE list_id = $1`,
    [b.listId, bodyJson, b.confirmedAt, scope.terminal.id, scope.at],
  );
  await scope.tx.query(
    `UPDATE handover_items i
     SET missing = COALESCE(
       (SELECT jsonb_agg(jsonb_build_object('materialKey', m->>'materialKey', 'note', m->'note'))
        FROM jsonb_array_elements($2::jsonb) AS m WHERE (m->>'applicationId')::uuid = i.application_id),
       '[]'::jsonb)
     WHERE list_id = $1`,
    [b.listId, JSON.stringify(b.missing)],
  );
  // To the village, and up to the township's terminals so none of them offers to confirm the list again.
  scope.accept(c, b.divisionCode, [
    handoverChange('handover.confirmed', b.divisionCode, false, b),
    handoverChange('handover.confirmed', b.divisionCode, true, b),
  ]);
}
