import { z } from 'zod';
import { parseDivisionCode, type DivisionLevel } from '../division';

/**
 * Named divisions (issue #15): the code, the name a person reads, the level and the parent, all but the name
 * derived from the 12-digit statistical code. The platform keeps the table and sends each division with its
 * direct children down the feed (`divisions.published`), so every terminal learns the names of the divisions
 * above it and of their children: a village its township, county and neighbours; a township its villages.
 */
export interface NamedDivision {
  code: string;
  name: string;
  level: DivisionLevel;
  /** The division above, 12 digits; null for a province. */
  parent: string | null;
}

const PARENT_DIGITS: Record<DivisionLevel, number> = { province: 0, city: 2, county: 4, township: 6, village: 9 };

/** The 12-digit code of the division directly above, or null for a province (or an invalid code). */
export function parentDivisionCode(code: string): string | null {
  const r = parseDivisionCode(code);
  if (!r.ok || r.value.level === 'province') return null;
  return r.value.code.slice(0, PARENT_DIGITS[r.value.level]).padEnd(12, '0');
}

/** A name as the statistics bureau writes it: Chinese characters, digits and a few marks, 2 to 40 long. */
const divisionName = z
  .string()
  .trim()
  .min(2, '区划名称至少两个字')
  .max(40, '区划名称不能超过40个字')
  .regex(/^[\u3400-\u9fff\uf900-\ufaff0-9A-Za-z·（）()\-—]+$/u, '区划名称只能包含汉字、数字、字母和“·（）-”');

/** One entry as a file or the feed gives it: a code (2–12 digits, padded) and a name. */
export const divisionEntrySchema = z.object({ code: z.string().max(12), name: divisionName }).transform((e, ctx): NamedDivision => {
  const r = parseDivisionCode(e.code);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message, path: ['code'] });
    return z.NEVER;
  }
  return { code: r.value.code, name: e.name, level: r.value.level, parent: parentDivisionCode(r.value.code) };
});

/** The body of `divisions.published`: one division and its direct children, as the platform holds them now. */
export const divisionsPublishedSchema = z.object({ divisions: z.array(divisionEntrySchema).min(1).max(2000) });
export type DivisionsPublished = z.infer<typeof divisionsPublishedSchema>;

/**
 * The body that reviews at a township's level, as a notice names it: 某某乡人民政府, 某某街道办事处. A name that
 * already names a body (人民政府, 办事处) is kept.
 */
export function reviewBodyName(townshipName: string): string {
  if (/(人民政府|办事处)$/.test(townshipName)) return townshipName;
  return townshipName.endsWith('街道') ? `${townshipName}办事处` : `${townshipName}人民政府`;
}

/** The county body that approves an item (its 实施机关 县级民政部门) by the county's name: 瑞金市民政部门. */
export function countyAgencyName(countyName: string, implementingAgency: string): string {
  return implementingAgency.startsWith('县级') ? `${countyName}${implementingAgency.slice(2)}` : `${countyName}${implementingAgency}`;
}
