import { shanghaiDateTime } from '../../core/calendar';

/** Times are stored in UTC and shown in Asia/Shanghai (UTC+8, no DST). */
const OFFSET_MS = 8 * 3_600_000;

/** 'HH:mm:ss' in Asia/Shanghai, for "已自动保存 HH:mm:ss". */
export function shanghaiClock(at: Date | string): string {
  const t = typeof at === 'string' ? new Date(at) : at;
  return new Date(t.getTime() + OFFSET_MS).toISOString().slice(11, 19);
}

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai, or '—' when there is no time. */
export function showDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  try {
    return shanghaiDateTime(iso);
  } catch {
    return iso;
  }
}
