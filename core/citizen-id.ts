import { isValidDate, shanghaiDate } from './calendar';
import { DaibanError, type Result } from './errors';
import { PROVINCES } from './provinces';

/** A checked citizen ID number (居民身份证号码, GB 11643-1999). */
export interface CitizenId {
  /** 18 characters, check character upper-case. */
  number: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'male' | 'female';
  provinceCode: string;
  provinceName: string;
  /** The cadre typed an old 15-digit number; `number` is its 18-digit form. */
  upgradedFrom15: boolean;
}

// ISO 7064 MOD 11-2: weight of position i is 2^(17-i) mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character (0-9 or X) of the first 17 digits. */
export function citizenIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new DaibanError('INVALID_INPUT', '计算校验码需要身份证号码的前17位数字', { first17 });
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

/** An 18-character number whose check character is right (no date or region check: see parseCitizenId). */
export function isValidCitizenIdNumber(s: string): boolean {
  return /^\d{17}[\dX]$/.test(s) && citizenIdCheckChar(s.slice(0, 17)) === s[17];
}

/** Upgrades an old 15-digit number (born 19xx) to 18 digits: insert '19' into the year, add the check character. */
export function upgradeCitizenId15(id15: string): string {
  if (!/^\d{15}$/.test(id15)) {
    throw new DaibanError('INVALID_INPUT', '15位身份证号码应全部为数字', { id15 });
  }
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + citizenIdCheckChar(first17);
}

/** For paper and screens that need not show the whole number: first 6, eight stars, last 4. */
export function maskCitizenId(id: string): string {
  const s = id.trim().toUpperCase();
  if (s.length <= 10) return '*'.repeat(s.length); // too short to show anything safely
  return `${s.slice(0, 6)}********${s.slice(-4)}`;
}

/** Cadres often type with a Chinese IME on: full-width digits and Ｘ are accepted, spaces are dropped. */
function normalise(input: string): string {
  return input
    .replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

function refuse(message: string): Result<CitizenId> {
  return { ok: false, code: 'INVALID_ID_NUMBER', message };
}

/**
 * Checks a citizen ID number and reads what it says. `today` ('YYYY-MM-DD') bounds the birth date;
 * by default it is today in Asia/Shanghai.
 */
export function parseCitizenId(input: string, today: string = shanghaiDate(new Date())): Result<CitizenId> {
  const raw = normalise(typeof input === 'string' ? input : '');
  if (raw.length === 0) return refuse('请填写身份证号码');
  if (!/^[0-9X]+$/.test(raw)) return refuse('身份证号码中含有非法字符，只能是数字，最后一位可以是X');
  if (raw.length !== 18 && raw.length !== 15) return refuse(`身份证号码应为18位（当前为${raw.length}位）`);
  if (raw.slice(0, -1).includes('X') || (raw.length === 15 && raw.endsWith('X'))) {
    return refuse('身份证号码中含有非法字符，只有18位号码的最后一位可以是X');
  }

  const upgradedFrom15 = raw.length === 15;
  const number = upgradedFrom15 ? upgradeCitizenId15(raw) : raw;

  const provinceCode = number.slice(0, 2);
  const provinceName = PROVINCES[provinceCode];
  if (!provinceName) return refuse('身份证号码前两位不是有效的省份代码');

  const [y, m, d] = [number.slice(6, 10), number.slice(10, 12), number.slice(12, 14)];
  const birthDate = `${y}-${m}-${d}`;
  if (!isValidDate(birthDate)) return refuse(`出生日期不存在：${y}年${m}月${d}日`);
  if (birthDate < '1900-01-01') return refuse(`出生日期早于1900年：${y}年${m}月${d}日，请核对第7至14位`);
  if (birthDate > today) return refuse('出生日期晚于今天');

  // A 15-digit number has no check character of its own: the one we computed is right by construction.
  const expected = citizenIdCheckChar(number.slice(0, 17));
  if (number[17] !== expected) {
    return refuse(`校验码不正确，请核对最后一位（应为${expected}）；若最后一位无误，请逐位核对前17位`);
  }

  const gender = Number(number[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { number, birthDate, gender, provinceCode, provinceName, upgradedFrom15 } };
}
