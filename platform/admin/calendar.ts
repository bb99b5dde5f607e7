import { calendarYearSchema, type CalendarYear } from '../../core/calendar-year';
import { NATIONWIDE } from '../auth/jurisdiction';
import { appendChanges } from '../change-feed';
import type { PlatformContext } from '../context';
import { parseOrRefuse } from '../errors';
import { sha256Hex } from '../../base/node/digest';

export interface PublishCalendarResult {
  year: number;
  /** False when this exact year was already published (a no-op). */
  published: boolean;
  /** True when it replaced another text of the same year (the notice after the statutory days). */
  replaced: boolean;
}

/**
 * Publishes a year of holidays to every terminal. Unlike a catalog version a year may be published again
 * with other days: the statutory days first, the State Council's notice with its 调休 when it comes. The
 * same text again is a no-op.
 */
export async function publishCalendarYear(ctx: PlatformContext, input: CalendarYear | unknown): Promise<PublishCalendarResult> {
  const year = parseOrRefuse(calendarYearSchema, input, '节假日安排');
  const text = JSON.stringify(year);
  const sha = sha256Hex(text);
  const at = ctx.now().toISOString();
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx.query<{ body_sha256: string }>('SELECT body_sha256 FROM calendar_years WHERE year = $1 FOR UPDATE', [year.year]);
    if (existing?.body_sha256 === sha) return { year: year.year, published: false, replaced: false };
    await tx.query(
      `INSERT INTO calendar_years (year, body, body_sha256, published_at) VALUES ($1, $2::jsonb, $3, $4)
       ON CONFLICT (year) DO UPDATE SET body = EXCLUDED.body, body_sha256 = EXCLUDED.body_sha256, published_at = EXCLUDED.published_at`,
      [year.year, text, sha, at],
    );
    await appendChanges(tx, [{ kind: 'calendar.published', divisionCode: NATIONWIDE, fanUp: false, body: { year } }], at);
    ctx.log.info({ year: year.year, holidays: year.holidays.length, provisional: year.provisional }, 'calendar published');
    return { year: year.year, published: true, replaced: existing !== undefined };
  });
}
