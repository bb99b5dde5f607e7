/** Small input clean-ups shared by the field checks. */

/** Cadres often type with a Chinese IME on: full-width digits, letters and punctuation become ASCII. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Empty string (also only spaces), null and undefined all mean "not filled in". */
export function isMissing(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}
