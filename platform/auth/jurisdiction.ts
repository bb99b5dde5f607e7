import { divisionContains, divisionPrefix, parseDivisionCode } from '../../core/division';

/**
 * Authorisation by jurisdiction (DESIGN.md §5): a village terminal sees and writes its own village, a
 * township terminal its township and the villages inside it.
 */

/** The change feed's "everyone" division (catalog versions). */
export const NATIONWIDE = '000000000000';

/** The digits a division code inside the jurisdiction starts with (for `LIKE prefix || '%'`). */
export function jurisdictionPrefix(terminalDivision: string): string {
  return divisionPrefix(terminalDivision);
}

export function withinJurisdiction(terminalDivision: string, divisionCode: string): boolean {
  return divisionContains(terminalDivision, divisionCode);
}

/** The terminal's own division and every one above it (province, city, county, township), 12 digits each. */
export function selfAndAncestors(divisionCode: string): string[] {
  const parsed = parseDivisionCode(divisionCode);
  if (!parsed.ok) return [];
  const full = parsed.value.code;
  const cuts = [2, 4, 6, 9, 12].filter((n) => n <= divisionPrefix(full).length);
  return [...new Set(cuts.map((n) => full.slice(0, n).padEnd(12, '0')))];
}
