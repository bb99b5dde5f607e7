import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

/** Dates and times as they appear on paper: China Standard Time, Chinese date words. */

dayjs.extend(utc);
dayjs.extend(timezone);

export const PRINT_TIME_ZONE = 'Asia/Shanghai';

/** A UTC ISO 8601 instant as 'YYYY年MM月DD日 HH:mm' in Asia/Shanghai. */
export function formatShanghaiDateTime(isoUtc: string): string {
  const t = dayjs.utc(isoUtc);
  if (!t.isValid()) throw new RangeError(`not an ISO 8601 instant: ${isoUtc}`);
  return t.tz(PRINT_TIME_ZONE).format('YYYY年MM月DD日 HH:mm');
}

/** A calendar date 'YYYY-MM-DD' as 'YYYY年MM月DD日' (no time zone: it is already a local date). */
export function formatCnDate(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${ymd}`);
  return `${m[1]}年${m[2]}月${m[3]}日`;
}

/** 'YYYYMMDD-HHmmss' in Asia/Shanghai, for file names. */
export function shanghaiFileStamp(at: Date): string {
  return dayjs(at).tz(PRINT_TIME_ZONE).format('YYYYMMDD-HHmmss');
}

/** A UTC ISO 8601 instant as the Asia/Shanghai calendar day 'YYYY年MM月DD日'. */
export function formatShanghaiDate(isoUtc: string): string {
  const t = dayjs.utc(isoUtc);
  if (!t.isValid()) throw new RangeError(`not an ISO 8601 instant: ${isoUtc}`);
  return t.tz(PRINT_TIME_ZONE).format('YYYY年MM月DD日');
}
