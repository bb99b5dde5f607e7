import type { ScalarField } from '../catalog/model';
import { isValidDate } from '../calendar';
import { parseCitizenId } from '../citizen-id';
import { toHalfWidth } from './normalize';
import { normalisePhone } from './phone';
import { charCount, normaliseText, textProblem, textProblemPhrase } from '../text';

/** A free-text form field without its own cap: a page of text, never a megabyte. */
const DEFAULT_TEXT_MAX = 2000;

/**
 * Checks one filled-in (non-missing) value of a scalar field. A refusal is a `problem`: Chinese text
 * that reads right straight after the field's quoted label, e.g. “月收入” + “应为数字”, so the caller
 * can put the label (and a members row number) in front of it.
 */
export type ScalarCheck = { ok: true; value: unknown } | { ok: false; problem: string };

const ok = (value: unknown): ScalarCheck => ({ ok: true, value });
const no = (problem: string): ScalarCheck => ({ ok: false, problem });

export function checkScalar(field: ScalarField, raw: unknown, today: string): ScalarCheck {
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return checkText(raw, field.maxLength, field.kind === 'textarea');
    case 'number':
      return checkNumber(field, raw);
    case 'money':
      return checkMoney(field, raw);
    case 'date':
      return checkDate(raw, field.notFuture === true, today);
    case 'select': {
      const v = typeof raw === 'string' ? raw.trim() : raw;
      if (typeof v === 'string' && field.options.includes(v)) return ok(v);
      return no(`只能从以下选项中选择：${field.options.join('、')}`);
    }
    case 'boolean':
      return typeof raw === 'boolean' ? ok(raw) : no('应选择“是”或“否”');
    case 'citizenId': {
      if (typeof raw !== 'string') return no('应为18位号码，请按文字填写');
      const r = parseCitizenId(raw, today);
      return r.ok ? ok(r.value.number) : no(`：${r.message}`);
    }
    case 'phone': {
      const s = asDigitsText(raw);
      const phone = s === null ? null : normalisePhone(s);
      return phone ? ok(phone) : no('不是有效的电话号码（手机号为1开头的11位数字，固定电话如0791-1234567）');
    }
    case 'address': {
      if (typeof raw !== 'string') return no('应为文字');
      const s = normaliseText(raw).replace(/\s+/g, ' ');
      const problem = textProblem(s, { max: 120 });
      if (problem) return no(textProblemPhrase(problem, 120));
      return charCount(s) >= 5 ? ok(s) : no('太短，请写清楚到村、组和门牌号（至少5个字）');
    }
    case 'bankAccount': {
      // Luhn is deliberately NOT checked: many rural credit cooperative (农信社) 存折 numbers do not pass
      // it, and refusing a real account would stop the resident's payment.
      const s = asDigitsText(raw)?.replace(/\s+/g, '');
      if (s === undefined || !/^\d+$/.test(s)) return no('只能填写数字（空格可以保留）');
      if (s.length < 12 || s.length > 19) return no(`应为12至19位数字（当前为${s.length}位）`);
      return ok(s);
    }
  }
}

/** Strings as typed (IME full-width digits fixed); whole numbers that are still exact are accepted too. */
function asDigitsText(raw: unknown): string | null {
  if (typeof raw === 'string') return toHalfWidth(raw).trim();
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return String(raw);
  return null;
}

/** Free text: the one text rule of core/text.ts, with the item's own length cap (DEFAULT_TEXT_MAX when it sets none). */
function checkText(raw: unknown, maxLength: number | undefined, multiline: boolean): ScalarCheck {
  const s = typeof raw === 'string' ? normaliseText(raw) : typeof raw === 'number' ? String(raw) : null;
  if (s === null) return no('应为文字');
  const problem = textProblem(s, { multiline });
  if (problem) return no(textProblemPhrase(problem));
  const n = charCount(s);
  const max = maxLength ?? DEFAULT_TEXT_MAX;
  if (n > max) return no(`不能超过${max}个字（当前${n}个字）`);
  return ok(s);
}

/** A number, or a numeric string as typed (full-width digits, spaces and thousands commas tolerated). */
function readNumber(raw: unknown, extra?: RegExp): { value: number; decimals: number } | null {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return null;
    const frac = /\.(\d+)$/.exec(String(raw));
    return { value: raw, decimals: String(raw).includes('e') ? 99 : (frac?.[1]?.length ?? 0) };
  }
  if (typeof raw !== 'string') return null;
  let s = toHalfWidth(raw).replace(/[\s,，]/g, '');
  if (extra) s = s.replace(extra, '');
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  return { value: Number(s), decimals: m[3]?.length ?? 0 };
}

function checkNumber(field: Extract<ScalarField, { kind: 'number' }>, raw: unknown): ScalarCheck {
  const n = readNumber(raw);
  if (!n) return no('应为数字');
  const unit = field.unit ?? '';
  if (field.integer && !Number.isInteger(n.value)) return no('应为整数');
  if (field.min !== undefined && n.value < field.min) return no(`不能小于${field.min}${unit}`);
  if (field.max !== undefined && n.value > field.max) return no(`不能大于${field.max}${unit}`);
  return ok(n.value === 0 ? 0 : n.value); // no -0 in stored data
}

function checkMoney(field: Extract<ScalarField, { kind: 'money' }>, raw: unknown): ScalarCheck {
  const n = readNumber(raw, /^[¥￥]|元$/g);
  if (!n) return no('应为金额（单位：元），如1200或1200.50');
  if (n.decimals > 2) return no('最多保留两位小数（精确到分）');
  // An amount below zero is never meant unless the item says so (min < 0).
  const min = field.min ?? 0;
  if (n.value < min) return no(min === 0 ? '不能为负数' : `不能少于${min}元`);
  if (field.max !== undefined && n.value > field.max) return no(`不能超过${field.max}元`);
  return ok(n.value === 0 ? 0 : n.value); // no -0 in stored data
}

/** 'YYYY-MM-DD'; also 2026/1/5, 2026.1.5 and 2026年1月5日, normalised to 2026-01-05. */
function checkDate(raw: unknown, notFuture: boolean, today: string): ScalarCheck {
  const s = typeof raw === 'string' ? toHalfWidth(raw).trim() : '';
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) return no('应为日期，如2026-01-31');
  const [y, mo, d] = [m[1] as string, (m[2] as string).padStart(2, '0'), (m[3] as string).padStart(2, '0')];
  const date = `${y}-${mo}-${d}`;
  if (!isValidDate(date)) return no(`：日期不存在（${y}年${mo}月${d}日）`);
  if (notFuture && date > today) return no('不能晚于今天');
  return ok(date);
}
