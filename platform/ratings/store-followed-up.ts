import { FOLLOW_UP_STEP_NAMES } from '../../core/ratings/model';
import { CHANGE_KINDS } from '../../core/sync/changes';
import { withinJurisdiction } from '../auth/jurisdiction';
import type { IngestScope, Valid } from '../ingest/scope';

type RatingRow = {
  division_code: string;
  poor: boolean;
  revisited_by: string | null;
  revisit_note: string | null;
  rectified_by: string | null;
  rectify_note: string | null;
};

/**
 * rating.followed_up, from a township terminal above the rating's village: 回访核实 first, then 整改反馈, each
 * recorded once (the same record again is accepted and changes nothing; another is refused, naming who
 * recorded the first). The county's terminals, the township's other terminals and the village hear of it.
 */
export async function storeFollowedUp(scope: IngestScope, f: Valid<'rating.followed_up'>): Promise<void> {
  const b = f.body;
  const [row] = await scope.tx.query<RatingRow>(
    `SELECT division_code, rectify_due IS NOT NULL AS poor, revisited_by, revisit_note, rectified_by, rectify_note FROM ratings WHERE id = $1 FOR UPDATE`,
    [b.ratingId],
  );
  if (!row || !withinJurisdiction(scope.terminal.divisionCode, row.division_code)) {
    return scope.invalid(f.index, 'NOT_FOUND', '平台上没有本乡镇辖区的这条差评（可能村里尚未同步上来）');
  }
  if (row.division_code !== b.divisionCode) {
    return scope.invalid(f.index, 'INVALID_BODY', '回访整改记录中的村与这条评价所属的村不一致，平台未接收');
  }
  if (!row.poor) return scope.invalid(f.index, 'ILLEGAL_TRANSITION', '这条评价不是差评，无需回访整改');
  const [by, note] = b.step === 'revisit' ? [row.revisited_by, row.revisit_note] : [row.rectified_by, row.rectify_note];
  if (by !== null) {
    if (note === b.note) return scope.accept(f, row.division_code, []);
    return scope.invalid(f.index, 'ILLEGAL_TRANSITION', `这条差评的${FOLLOW_UP_STEP_NAMES[b.step]}已由${by}登记，不能重复登记`);
  }
  if (b.step === 'rectify' && row.revisited_by === null) {
    return scope.invalid(f.index, 'ILLEGAL_TRANSITION', '请先登记回访核实，再登记整改反馈');
  }
  const sql =
    b.step === 'revisit'
      ? 'UPDATE ratings SET revisited_at = $2, revisit_note = $3, revisited_by = $4 WHERE id = $1'
      : 'UPDATE ratings SET rectified_at = $2, rectify_note = $3, rectified_by = $4 WHERE id = $1';
  await scope.tx.query(sql, [b.ratingId, b.at, b.note, b.by.name]);
  const body = CHANGE_KINDS['rating.followed_up'].parse(b);
  // Up to the county and the township's other terminals, and down to the village, whose 差评 it answers.
  scope.accept(f, row.division_code, [
    { kind: 'rating.followed_up', divisionCode: row.division_code, fanUp: true, body },
    { kind: 'rating.followed_up', divisionCode: row.division_code, fanUp: false, body },
  ]);
}
