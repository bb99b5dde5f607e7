import { createWorkingCalendar, type WorkingCalendar } from '../../core/calendar';
import { calendarDataWith } from '../../core/calendar-year';
import { CN_CALENDAR_DATA } from '../../core/holidays';
import { listCalendarYears, type StoreDb } from '../../db';

/** The working-day calendar a terminal counts deadlines with; `reload` after the feed brought a year. */
export interface LiveCalendar extends WorkingCalendar {
  reload(): void;
}

/**
 * The built-in years with the published ones (store table calendar_years) in their place. Built once and again
 * on reload: the store holds a handful of years and the calendar is read on every deadline.
 */
export function storedCalendar(db: StoreDb): LiveCalendar {
  let current = build(db);
  return {
    isWorkingDay: (date) => current.isWorkingDay(date),
    addWorkingDays: (start, days) => current.addWorkingDays(start, days),
    workingDaysBetween: (from, to) => current.workingDaysBetween(from, to),
    reload() {
      current = build(db);
    },
  };
}

function build(db: StoreDb): WorkingCalendar {
  return createWorkingCalendar(calendarDataWith(CN_CALENDAR_DATA, listCalendarYears(db)));
}

/** A calendar given from outside (a test's): published years do not change it. */
export function fixedCalendar(calendar: WorkingCalendar): LiveCalendar {
  return Object.assign(Object.create(calendar) as WorkingCalendar, calendar, { reload: () => undefined });
}
