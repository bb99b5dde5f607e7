import type { Database } from 'better-sqlite3-multiple-ciphers';
import { calendarYearSchema, type CalendarYear } from '../core/calendar-year';
import { stmt } from './statements';

/** Keeps a published year; true when it was new or different. */
export function saveCalendarYear(db: Database, year: CalendarYear): boolean {
  return (
    stmt(
      db,
      `INSERT INTO calendar_years (year, body) VALUES (?, ?)
       ON CONFLICT (year) DO UPDATE SET body = excluded.body WHERE calendar_years.body <> excluded.body`,
    ).run(year.year, JSON.stringify(year)).changes > 0
  );
}

export function listCalendarYears(db: Database): CalendarYear[] {
  return stmt<[], { body: string }>(db, 'SELECT body FROM calendar_years ORDER BY year')
    .all()
    .map((r) => calendarYearSchema.parse(JSON.parse(r.body)));
}
