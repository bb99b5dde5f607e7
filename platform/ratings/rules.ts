import { createWorkingCalendar, type WorkingCalendar } from '../../core/calendar';
import { calendarDataWith, calendarYearSchema } from '../../core/calendar-year';
import { CN_CALENDAR_DATA } from '../../core/holidays';
import { DEFAULT_RATING_RULES, ratingRulesSchema, type RatingRules } from '../../core/ratings/model';
import type { PlatformContext } from '../context';
import type { Queryable } from '../database/types';
import { describeIssue } from '../../core/refusal';
import { invalidInput } from '../errors';

/** The province's 差评 deadlines (`ratings rules` on the IT command line); the defaults until it sets its own. */
export async function loadRatingRules(q: Queryable): Promise<RatingRules> {
  const [row] = await q.query<{ body: unknown }>('SELECT body FROM rating_rules');
  const parsed = row ? ratingRulesSchema.safeParse(row.body) : null;
  return parsed?.success ? parsed.data : DEFAULT_RATING_RULES;
}

export async function setRatingRules(ctx: PlatformContext, input: unknown): Promise<RatingRules> {
  // Flags on the command line, not a document: the problem is said without a field path.
  const parsed = ratingRulesSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(`差评办理时限不正确：${describeIssue(parsed.error.issues[0]!)}`);
  const rules = parsed.data;
  await ctx.db.query(
    `INSERT INTO rating_rules (only_row, body, updated_at) VALUES (true, $1::jsonb, $2)
     ON CONFLICT (only_row) DO UPDATE SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at`,
    [JSON.stringify(rules), ctx.now().toISOString()],
  );
  ctx.log.info({ rules }, 'rating rules set');
  return rules;
}

/** Working days as the terminals count them: the built-in years with the ones the platform published in their place. */
export async function platformCalendar(q: Queryable): Promise<WorkingCalendar> {
  const rows = await q.query<{ body: unknown }>('SELECT body FROM calendar_years ORDER BY year');
  const years = rows.flatMap((r) => {
    const y = calendarYearSchema.safeParse(r.body);
    return y.success ? [y.data] : [];
  });
  return createWorkingCalendar(calendarDataWith(CN_CALENDAR_DATA, years));
}
