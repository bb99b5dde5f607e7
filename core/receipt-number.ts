import { isValidDate } from './calendar';
import { parseDivisionCode } from './division';
import { DaibanError } from './errors';

/**
 * Receipt numbers (受理编号) unique without a network: division code + date + terminal number + that
 * terminal's sequence for the day, e.g. 360781102201-20261123-01-0007. Two terminals of one village
 * differ by terminal number, so they never collide.
 */
export interface ReceiptNoParts {
  /** 12-digit division code of the service point (normally a village). */
  villageCode: string;
  /** YYYY-MM-DD */
  date: string;
  /** 1..99, assigned at enrollment. */
  terminalNo: number;
  /** 1..9999, restarts every day on each terminal. */
  seq: number;
}

const RECEIPT_RE = /^(\d{12})-(\d{4})(\d{2})(\d{2})-(\d{2})-(\d{4})$/;

function problem(p: ReceiptNoParts): string | undefined {
  if (typeof p.villageCode !== 'string' || !/^\d{12}$/.test(p.villageCode)) return '区划代码应为12位数字';
  if (!parseDivisionCode(p.villageCode).ok) return '区划代码无效';
  if (typeof p.date !== 'string' || !isValidDate(p.date)) return '日期无效';
  if (!Number.isInteger(p.terminalNo) || p.terminalNo < 1 || p.terminalNo > 99) return '终端编号应在01至99之间';
  if (!Number.isInteger(p.seq) || p.seq < 1 || p.seq > 9999) return '当日流水号应在0001至9999之间';
  return undefined;
}

export function formatReceiptNo(p: ReceiptNoParts): string {
  const why = problem(p);
  if (why) throw new DaibanError('INVALID_INPUT', `无法生成受理编号：${why}`, { ...p });
  const terminal = String(p.terminalNo).padStart(2, '0');
  const seq = String(p.seq).padStart(4, '0');
  return `${p.villageCode}-${p.date.replaceAll('-', '')}-${terminal}-${seq}`;
}

/** Reads a receipt number back; null when it is not one (wrong shape, impossible date, zero parts). */
export function parseReceiptNo(s: string): ReceiptNoParts | null {
  const m = typeof s === 'string' ? RECEIPT_RE.exec(s.trim()) : null;
  if (!m) return null;
  const parts: ReceiptNoParts = {
    villageCode: m[1] as string,
    date: `${m[2]}-${m[3]}-${m[4]}`,
    terminalNo: Number(m[5]),
    seq: Number(m[6]),
  };
  return problem(parts) ? null : parts;
}
