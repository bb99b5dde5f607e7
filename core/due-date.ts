import type { WorkingCalendar } from './calendar';

/**
 * The promised date after a supplement (补正期间不计入承诺时限): the working days left when the township asked
 * for the supplement are counted again from the day the resident brought it. The days between the request and
 * the supplement do not count. An application already late when asked stays as late (the days left are negative).
 * Dates are 'YYYY-MM-DD' in Asia/Shanghai; neither the request day nor the supplement day counts, as the day of
 * acceptance does not (core/calendar.ts).
 */
export function resumedDueDate(calendar: WorkingCalendar, o: { dueDate: string; requestedOn: string; supplementedOn: string }): string {
  const left = calendar.workingDaysBetween(o.requestedOn, o.dueDate);
  const resumed = calendar.addWorkingDays(o.supplementedOn, left);
  // A supplement brought the same day it was asked for moves nothing.
  return resumed < o.dueDate ? o.dueDate : resumed;
}
