/**
 * Mainland phone numbers: a mobile (1[3-9] + 9 digits, optional +86) or a landline with its area code.
 * Area codes 010 and 02x have three digits, all others four, so a landline typed without a dash can be
 * split unambiguously. Returns the normalised number ('13812345678' or '0791-1234567'), or null.
 */
export function normalisePhone(input: string): string | null {
  const s = input.replace(/[\s()（）]/g, '');
  const mobile = /^(?:\+?86-?)?(1[3-9]\d{9})$/.exec(s);
  if (mobile) return mobile[1] as string;

  const dashed = /^(0\d{2,3})-(\d{7,8})$/.exec(s);
  if (dashed) {
    const [, area, local] = dashed as unknown as [string, string, string];
    return area.length === areaCodeLength(area) && local[0] !== '0' ? `${area}-${local}` : null;
  }
  if (/^0\d{9,11}$/.test(s)) {
    const len = areaCodeLength(s);
    const local = s.slice(len);
    if (local.length >= 7 && local.length <= 8 && local[0] !== '0') return `${s.slice(0, len)}-${local}`;
  }
  return null;
}

function areaCodeLength(digits: string): number {
  return digits.startsWith('01') || digits.startsWith('02') ? 3 : 4;
}
