import { isValidCitizenIdNumber } from '../citizen-id';
import { ethnicityName } from './ethnicities';

/**
 * The second-generation ID card's 256-byte text block (文字信息), as the SAM module returns it after 读基本信息
 * (GA 467-2013): UCS-2 little-endian, fixed fields padded with spaces, in this order and these sizes.
 */
const FIELDS = [
  ['name', 30],
  ['gender', 2],
  ['ethnicity', 4],
  ['birth', 16],
  ['address', 70],
  ['idNumber', 36],
  ['authority', 30],
  ['validFrom', 16],
  ['validUntil', 16],
  ['reserved', 36],
] as const;
export const TEXT_BLOCK_BYTES = 256;

type FieldName = (typeof FIELDS)[number][0];

/** What the card says, decoded and named; `problems` flags a card the cadre should look at before using it. */
export interface IdCardText {
  name: string;
  gender: 'male' | 'female';
  ethnicityCode: string;
  /** 汉族 …; the code where the standard has no name for it. */
  ethnicity: string;
  /** YYYY-MM-DD */
  birthDate: string;
  address: string;
  idNumber: string;
  /** 签发机关 */
  authority: string;
  /** YYYY-MM-DD */
  validFrom: string;
  /** YYYY-MM-DD, or null for 长期. */
  validUntil: string | null;
  problems: ('expired' | 'check_digit' | 'birth_mismatch')[];
}

export type TextBlockResult = { ok: true; card: IdCardText } | { ok: false; reason: string };

function ucs2le(bytes: Uint8Array, from: number, size: number): string {
  let s = '';
  for (let i = from; i + 1 < from + size; i += 2) s += String.fromCharCode(bytes[i]! | (bytes[i + 1]! << 8));
  return s.replace(/[\s\u0000]+$/u, '').trim();
}

const dateOf = (s: string): string | null => {
  if (!/^\d{8}$/.test(s)) return null;
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
};

/** Decodes a text block; `today` (YYYY-MM-DD) judges the validity period. A block that is not a card's is refused with a reason. */
export function decodeTextBlock(bytes: Uint8Array, today: string): TextBlockResult {
  if (bytes.length < TEXT_BLOCK_BYTES) return { ok: false, reason: '证件文字信息不完整' };
  const raw = {} as Record<FieldName, string>;
  let at = 0;
  for (const [field, size] of FIELDS) {
    raw[field] = ucs2le(bytes, at, size);
    at += size;
  }
  const gender = raw.gender === '1' ? 'male' : raw.gender === '2' ? 'female' : null;
  const birthDate = dateOf(raw.birth);
  const validFrom = dateOf(raw.validFrom);
  const validUntil = raw.validUntil === '长期' ? null : dateOf(raw.validUntil);
  if (!raw.name || /[\u0000-\u001F]/.test(raw.name)) return { ok: false, reason: '证件上的姓名无法识别' };
  if (!gender) return { ok: false, reason: '证件上的性别无法识别' };
  if (!birthDate) return { ok: false, reason: '证件上的出生日期无法识别' };
  if (!/^\d{17}[\dX]$/.test(raw.idNumber)) return { ok: false, reason: '证件上的公民身份号码无法识别' };
  if (!validFrom || (validUntil === null && raw.validUntil !== '长期')) return { ok: false, reason: '证件上的有效期限无法识别' };
  const problems: IdCardText['problems'] = [];
  if (validUntil !== null && validUntil < today) problems.push('expired');
  if (!isValidCitizenIdNumber(raw.idNumber)) problems.push('check_digit');
  if (raw.idNumber.slice(6, 14) !== raw.birth) problems.push('birth_mismatch');
  return {
    ok: true,
    card: {
      name: raw.name,
      gender,
      ethnicityCode: raw.ethnicity,
      ethnicity: ethnicityName(raw.ethnicity) ?? raw.ethnicity,
      birthDate,
      address: raw.address,
      idNumber: raw.idNumber,
      authority: raw.authority,
      validFrom,
      validUntil,
      problems,
    },
  };
}

/** What a card's problems mean to the cadre, in one sentence each. */
export const CARD_PROBLEM_TEXT: Record<IdCardText['problems'][number], string> = {
  expired: '该身份证已过有效期限，请提醒居民及时换领',
  check_digit: '该身份证号码的校验位不正确，请核对证件真伪',
  birth_mismatch: '该身份证号码中的出生日期与证件上的不一致，请核对证件真伪',
};

/** The inverse, for the simulated reader and tests: a card's fields as its 256 bytes. */
export function encodeTextBlock(card: {
  name: string;
  gender: 'male' | 'female';
  ethnicityCode: string;
  birth: string;
  address: string;
  idNumber: string;
  authority: string;
  validFrom: string;
  validUntil: string;
}): Uint8Array {
  const out = new Uint8Array(TEXT_BLOCK_BYTES);
  const values: Record<FieldName, string> = {
    name: card.name,
    gender: card.gender === 'male' ? '1' : '2',
    ethnicity: card.ethnicityCode,
    birth: card.birth,
    address: card.address,
    idNumber: card.idNumber,
    authority: card.authority,
    validFrom: card.validFrom,
    validUntil: card.validUntil,
    reserved: '',
  };
  let at = 0;
  for (const [field, size] of FIELDS) {
    const text = values[field].padEnd(size / 2, ' ').slice(0, size / 2);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      out[at + 2 * i] = c & 0xff;
      out[at + 2 * i + 1] = c >> 8;
    }
    at += size;
  }
  return out;
}
