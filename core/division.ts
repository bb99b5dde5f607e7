import { DaibanError, type Result } from './errors';
import { PROVINCES } from './provinces';

/**
 * Statistical division codes (统计用区划代码): province(2) city(2) county(2) township(3) village(3).
 * A shorter code names a higher level and is padded with zeros to 12 digits.
 */
export type DivisionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export interface Division {
  /** 12 digits, zero-padded. */
  code: string;
  level: DivisionLevel;
  provinceCode: string;
}

const PARTS: { level: DivisionLevel; end: number; name: string }[] = [
  { level: 'province', end: 2, name: '省级' },
  { level: 'city', end: 4, name: '市级' },
  { level: 'county', end: 6, name: '县级' },
  { level: 'township', end: 9, name: '乡级' },
  { level: 'village', end: 12, name: '村级' },
];

const PREFIX_LENGTH: Record<DivisionLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };

function refuse(message: string): Result<Division> {
  return { ok: false, code: 'INVALID_DIVISION_CODE', message };
}

export function parseDivisionCode(code: string): Result<Division> {
  const raw = typeof code === 'string' ? code.trim() : '';
  if (raw.length === 0) return refuse('请填写区划代码');
  if (!/^\d+$/.test(raw)) return refuse('区划代码只能由数字组成');
  if (!PARTS.some((p) => p.end === raw.length)) {
    return refuse(`区划代码应为12位数字（也可写2、4、6、9位的上级代码；当前为${raw.length}位）`);
  }
  const full = raw.padEnd(12, '0');
  const provinceCode = full.slice(0, 2);
  if (!PROVINCES[provinceCode]) return refuse('区划代码前两位不是有效的省份代码');

  // Level = deepest non-zero part; every part above it must be non-zero too.
  let level: DivisionLevel = 'province';
  let start = 2;
  let gap: string | undefined;
  for (const part of PARTS.slice(1)) {
    const zero = /^0+$/.test(full.slice(start, part.end));
    if (zero) gap ??= part.name;
    else if (gap) return refuse(`区划代码不完整：${gap}部分为0，但下级部分不为0，请核对`);
    else level = part.level;
    start = part.end;
  }
  return { ok: true, value: { code: full, level, provinceCode } };
}

/** The digits that matter: 2 for a province, 4 city, 6 county, 9 township, 12 village. */
export function divisionPrefix(code: string): string {
  const r = parseDivisionCode(code);
  if (!r.ok) throw new DaibanError(r.code, r.message, { code });
  return r.value.code.slice(0, PREFIX_LENGTH[r.value.level]);
}

/** True when `inner` lies within `outer` (a code contains itself). Invalid codes contain nothing. */
export function divisionContains(outer: string, inner: string): boolean {
  const o = parseDivisionCode(outer);
  const i = parseDivisionCode(inner);
  if (!o.ok || !i.ok) return false;
  return i.value.code.startsWith(o.value.code.slice(0, PREFIX_LENGTH[o.value.level]));
}
