/**
 * Public holidays and adjusted working days (调休) of mainland China, as DATA: the State Council's
 * yearly notice changes them, so a new year is a new entry here (or a catalog-like download later),
 * never a code change. Every date is written out, so the list can be checked line by line against
 * the notice.
 */
export interface CalendarData {
  /** Days off, including the weekdays that are moved into a holiday. */
  holidays: string[];
  /** Weekend days that are working days because of 调休. */
  workdays: string[];
  /** Years whose notice is in this data; other years count weekends only. */
  knownYears: number[];
}

export const CN_CALENDAR_DATA: CalendarData = {
  knownYears: [2025, 2026],
  holidays: [
    // 2025 — 国办发明电〔2024〕12号
    '2025-01-01', // 元旦
    '2025-01-28',
    '2025-01-29',
    '2025-01-30',
    '2025-01-31', // 春节
    '2025-02-01',
    '2025-02-02',
    '2025-02-03',
    '2025-02-04',
    '2025-04-04',
    '2025-04-05',
    '2025-04-06', // 清明节
    '2025-05-01',
    '2025-05-02',
    '2025-05-03',
    '2025-05-04',
    '2025-05-05', // 劳动节
    '2025-05-31',
    '2025-06-01',
    '2025-06-02', // 端午节
    '2025-10-01',
    '2025-10-02',
    '2025-10-03',
    '2025-10-04', // 国庆节、中秋节
    '2025-10-05',
    '2025-10-06',
    '2025-10-07',
    '2025-10-08',

    // 2026
    '2026-01-01',
    '2026-01-02',
    '2026-01-03', // 元旦
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19', // 春节
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23',
    '2026-04-04',
    '2026-04-05',
    '2026-04-06', // 清明节
    '2026-05-01',
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05', // 劳动节
    '2026-06-19',
    '2026-06-20',
    '2026-06-21', // 端午节
    '2026-09-25',
    '2026-09-26',
    '2026-09-27', // 中秋节
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04', // 国庆节
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  workdays: [
    // 2025
    '2025-01-26',
    '2025-02-08', // 春节
    '2025-04-27', // 劳动节
    '2025-09-28',
    '2025-10-11', // 国庆节、中秋节
    // 2026
    '2026-01-04', // 元旦
    '2026-02-14',
    '2026-02-28', // 春节
    '2026-05-09', // 劳动节
    '2026-09-20',
    '2026-10-10', // 国庆节
  ],
};
