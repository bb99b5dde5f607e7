import { z } from 'zod';
import { isValidDate, type CalendarData } from './calendar';

/**
 * One year of public holidays as the platform publishes it down the feed (`calendar.published`): the State
 * Council's yearly notice, written out day by day. A year published this way replaces what the app was built
 * with for that year, so a new year needs no release (issue #15).
 */
const isoDay = z.string().refine(isValidDate, '日期应为如2027-01-01的有效日期');

export const calendarYearSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** Where the days come from, e.g. 国办发明电〔2026〕7号. */
    source: z.string().trim().min(2).max(120),
    /** True while only the statutory days are known (the notice with its 调休 is still to come). */
    provisional: z.boolean().default(false),
    /** Days off, the weekdays moved into a holiday included. */
    holidays: z.array(isoDay).max(60),
    /** Weekend days that are working days because of 调休. */
    workdays: z.array(isoDay).max(20),
  })
  .superRefine((y, ctx) => {
    const prefix = `${y.year}-`;
    for (const [key, days] of [
      ['holidays', y.holidays],
      ['workdays', y.workdays],
    ] as const) {
      if (new Set(days).size !== days.length) ctx.addIssue({ code: 'custom', path: [key], message: '同一天写了两次' });
      for (const d of days) if (!d.startsWith(prefix)) ctx.addIssue({ code: 'custom', path: [key], message: `${d}不在${y.year}年内` });
    }
    for (const d of y.workdays) {
      if (y.holidays.includes(d)) ctx.addIssue({ code: 'custom', path: ['workdays'], message: `${d}不能既放假又上班` });
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (isValidDate(d) && weekday !== 0 && weekday !== 6) ctx.addIssue({ code: 'custom', path: ['workdays'], message: `${d}本来就是工作日，不是调休上班日` });
    }
  });
export type CalendarYear = z.infer<typeof calendarYearSchema>;

/** The built-in data with the published years put in place of what it had for them. */
export function calendarDataWith(base: CalendarData, years: readonly CalendarYear[]): CalendarData {
  const replaced = new Set(years.map((y) => y.year));
  const keep = (d: string) => !replaced.has(Number(d.slice(0, 4)));
  return {
    knownYears: [...new Set([...base.knownYears, ...replaced])].sort(),
    holidays: [...base.holidays.filter(keep), ...years.flatMap((y) => y.holidays)],
    workdays: [...base.workdays.filter(keep), ...years.flatMap((y) => y.workdays)],
  };
}

/**
 * 2027 as the law fixes it before the State Council's notice: the statutory holidays of the 全国年节及纪念日
 * 放假办法 (2024 revision, art. 2) on their 2027 dates, without 调休, which only the notice sets. Published
 * by `calendar publish --seed 2027` (the demo does), and replaced by the notice when it is published.
 */
export const STATUTORY_2027: CalendarYear = calendarYearSchema.parse({
  year: 2027,
  source: '全国年节及纪念日放假办法（2024年修订）第二条的法定节假日；调休安排以国务院办公厅通知为准',
  provisional: true,
  holidays: [
    '2027-01-01', // 元旦
    '2027-02-05', // 春节：农历除夕
    '2027-02-06', // 正月初一
    '2027-02-07', // 初二
    '2027-02-08', // 初三
    '2027-04-05', // 清明节
    '2027-05-01', // 劳动节
    '2027-05-02',
    '2027-06-09', // 端午节
    '2027-09-15', // 中秋节
    '2027-10-01', // 国庆节
    '2027-10-02',
    '2027-10-03',
  ],
  workdays: [],
});
