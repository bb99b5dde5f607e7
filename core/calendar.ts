import { DaibanError } from './errors';
import { CN_CALENDAR_DATA, type CalendarData } from './holidays';

export type { CalendarData } from './holidays';

/**
 * Working days for deadlines (承诺时限 / 法定时限 / 补正期限). Dates are plain 'YYYY-MM-DD' strings and all
 * arithmetic is on UTC day numbers, so no time zone or DST can shift a day.
 */
export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /** The n-th working day after `start` (the day of acceptance does not count); n = 0 gives `start`. */
  addWorkingDays(start: string, days: number): string;
  /** Working days after `from` up to and including `to`; negative when `to` is before `from`. */
  workingDaysBetween(from: string, to: string): number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written 'YYYY-MM-DD' (2000-02-29 yes, 1900-02-29 no). */
export function isValidDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function toDayNumber(date: string): number {
  if (!isValidDate(date)) throw new DaibanError('INVALID_INPUT', `日期格式不正确：${date}（应为如2026-01-31）`, { date });
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d); // setUTCFullYear keeps years < 100 literal, unlike Date.UTC
  return Math.round(t.getTime() / DAY_MS);
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar-day arithmetic on 'YYYY-MM-DD'. */
export function addCalendarDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to` ('YYYY-MM-DD'); negative when `to` is earlier. */
export function calendarDaysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * Builds a calendar from holiday data. A year missing from `knownYears` counts Saturdays and Sundays
 * as days off and nothing else: without the State Council notice we cannot know its holidays, and a
 * deadline a few days early is better than none.
 */
export function createWorkingCalendar(data: CalendarData): WorkingCalendar {
  const holidays = new Set(data.holidays);
  const workdays = new Set(data.workdays);
  for (const d of [...holidays, ...workdays]) toDayNumber(d); // bad data fails at start-up, not at a deadline

  const isWorkingDayNumber = (n: number): boolean => {
    const date = fromDayNumber(n);
    if (holidays.has(date)) return false;
    if (workdays.has(date)) return true;
    const weekday = new Date(n * DAY_MS).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };

  return {
    isWorkingDay: (date) => isWorkingDayNumber(toDayNumber(date)),

    addWorkingDays(start, days) {
      if (!Number.isInteger(days)) throw new DaibanError('INVALID_INPUT', `工作日天数应为整数：${days}`, { days });
      let n = toDayNumber(start);
      const step = days < 0 ? -1 : 1;
      for (let left = Math.abs(days); left > 0;) {
        n += step;
        if (isWorkingDayNumber(n)) left--;
      }
      return fromDayNumber(n);
    },

    workingDaysBetween(from, to) {
      const a = toDayNumber(from);
      const b = toDayNumber(to);
      const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
      let count = 0;
      for (let n = lo + 1; n <= hi; n++) if (isWorkingDayNumber(n)) count++;
      return sign * count;
    },
  };
}

/** Mainland China's calendar with the holidays in holidays.ts. */
export const defaultCalendar: WorkingCalendar = createWorkingCalendar(CN_CALENDAR_DATA);

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // UTC+8 all year: China has had no DST since 1991

function shanghaiIso(isoUtc: string | Date): string {
  const t = typeof isoUtc === 'string' ? new Date(isoUtc) : isoUtc;
  if (Number.isNaN(t.getTime())) throw new DaibanError('INVALID_INPUT', `时间格式不正确：${String(isoUtc)}`);
  return new Date(t.getTime() + SHANGHAI_OFFSET_MS).toISOString();
}

/** The calendar date in Asia/Shanghai of an instant ('YYYY-MM-DD'). */
export function shanghaiDate(isoUtc: string | Date): string {
  return shanghaiIso(isoUtc).slice(0, 10);
}

/** The wall-clock time in Asia/Shanghai of an instant ('YYYY-MM-DD HH:mm'), for display and printing. */
export function shanghaiDateTime(isoUtc: string | Date): string {
  const iso = shanghaiIso(isoUtc);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
