import { summariseLevels, type SatisfactionSummary } from '../../core/ratings/stats';
import { shanghaiDate } from '../../core/calendar';
import { divisionNames } from '../admin/divisions';
import { jurisdictionPrefix } from '../auth/jurisdiction';
import type { PlatformContext } from '../context';
import { invalidInput } from '../errors';
import { parseDivisionCode } from '../../core/division';

export interface VillageSatisfaction extends SatisfactionSummary {
  divisionCode: string;
  /** The village's name where the platform holds it. */
  name: string | null;
  /** 差评 whose 回访 or 整改 deadline passed undone, by the platform's clock. */
  overdue: number;
  /** 差评 not yet 整改反馈. */
  open: number;
}

/** Satisfaction and the 差评 follow-up per village under `divisionCode` (the IT command line's `ratings summary`). */
export async function ratingSummary(ctx: PlatformContext, divisionCode: string): Promise<VillageSatisfaction[]> {
  const parsed = parseDivisionCode(divisionCode);
  if (!parsed.ok) throw invalidInput(parsed.message);
  const today = shanghaiDate(ctx.now());
  const rows = await ctx.db.query<{ division_code: string; level: number; count: string; overdue: string; open: string }>(
    `SELECT division_code, level, count(*) AS count,
       count(*) FILTER (WHERE (revisited_at IS NULL AND revisit_due < $2::date) OR (rectified_at IS NULL AND rectify_due < $2::date)) AS overdue,
       count(*) FILTER (WHERE rectify_due IS NOT NULL AND rectified_at IS NULL) AS open
     FROM ratings WHERE division_code LIKE $1 GROUP BY division_code, level ORDER BY division_code`,
    [`${jurisdictionPrefix(divisionCode)}%`, today],
  );
  const codes = [...new Set(rows.map((r) => r.division_code))];
  const names = await divisionNames(ctx.db, codes);
  return codes.map((code) => {
    const mine = rows.filter((r) => r.division_code === code);
    const sum = (k: 'overdue' | 'open') => mine.reduce((n, r) => n + Number(r[k]), 0);
    return {
      divisionCode: code,
      name: names.get(code) ?? null,
      ...summariseLevels(mine.map((r) => ({ level: r.level, count: Number(r.count) }))),
      overdue: sum('overdue'),
      open: sum('open'),
    };
  });
}
