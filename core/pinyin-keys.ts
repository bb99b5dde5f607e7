import { pinyin } from 'pinyin-pro';

/**
 * Search keys for a person's name: full pinyin ("wangzhaoming") and initials ("wzm"). Surname mode reads
 * the first character as a surname, so 单 is "shan" and 曾 is "zeng", as a cadre would type them.
 */
export function namePinyinKeys(name: string): { full: string; initials: string } {
  const options = { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed', v: true } as const;
  const syllables = pinyin(name, options).filter((s) => /^[a-z]+$/i.test(s));
  const full = syllables.join('').toLowerCase();
  const initials = syllables
    .map((s) => s[0] ?? '')
    .join('')
    .toLowerCase();
  return { full, initials };
}
