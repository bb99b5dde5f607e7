/** Relations to the head of a household (户主), as a 户口簿 writes them. */
export const HOUSEHOLD_RELATIONS = ['户主', '配偶', '子女', '父母', '儿媳', '女婿', '孙子女', '外孙子女', '祖父母', '外祖父母', '兄弟姐妹', '其他'] as const;
export type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];

/**
 * A household member's relation to an applicant from the same household, for an item's members table: the
 * applicant is 本人; when the applicant is the head, everyone else's relation to the head is theirs to the
 * applicant; otherwise it is left for the cadre to choose (a spouse's child is not always the applicant's).
 */
export function relationToApplicant(memberRelation: string, member: string, applicant: string, applicantRelation: string): string {
  if (member === applicant) return '本人';
  return applicantRelation === '户主' ? memberRelation : '';
}
