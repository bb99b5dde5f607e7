import type { CatalogItem, MembersField } from '../../core/catalog/model';
import { relationToApplicant } from '../../core/households';
import { findHouseholdOf, listApplications, type ResidentRow } from '../../db';
import type { StationContext } from '../context';
import { loadResident } from '../residents/handlers';

/**
 * What the terminal already knows of the resident is offered in a new form, not retyped: the phone, the bank
 * account given in an earlier application, and a household table filled from the resident's household (户)
 * with the applicant first as 本人, and the household size. The draft holds a copy: the cadre adjusts it for this application, and a later change to
 * the household never touches an application already taken.
 */
export function knownAnswers(ctx: StationContext, item: CatalogItem, applicant: ResidentRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = item.form.fields;
  if (applicant.phone && fields.some((f) => f.key === 'phone' && f.kind === 'phone')) out.phone = applicant.phone;
  Object.assign(out, earlierAnswers(ctx, item, applicant));
  const table = fields.find((f): f is MembersField => f.kind === 'members' && hasColumn(f, 'name', 'text') && hasColumn(f, 'idNumber', 'citizenId'));
  if (!table) return out;
  const household = findHouseholdOf(ctx.db, applicant.id);
  const members = household
    ? [...household.members].sort((a, b) => (a.residentId === applicant.id ? -1 : b.residentId === applicant.id ? 1 : 0))
    : [{ residentId: applicant.id, relation: '户主' }];
  const applicantRelation = household?.members.find((m) => m.residentId === applicant.id)?.relation ?? '户主';
  const relationColumn = table.columns.find((c) => c.key === 'relation');
  const choices = relationColumn?.kind === 'select' ? relationColumn.options : [];
  out[table.key] = members.map((m) => {
    const r = m.residentId === applicant.id ? applicant : loadResident(ctx, m.residentId);
    const relation = relationToApplicant(m.relation, m.residentId, applicant.id, applicantRelation);
    return { name: r.name, idNumber: r.idNumber, ...(choices.includes(relation) ? { relation } : {}) };
  });
  if (household && fields.some((f) => f.key === 'householdSize' && f.kind === 'number')) out.householdSize = members.length;
  return out;
}

const hasColumn = (f: MembersField, key: string, kind: string) => f.columns.some((c) => c.key === key && c.kind === kind);

/** Fields a resident answers the same way for every item: taken from their latest application that has them. */
const CARRIED = [
  ['bankName', 'text'],
  ['bankAccount', 'bankAccount'],
] as const;

function earlierAnswers(ctx: StationContext, item: CatalogItem, applicant: ResidentRow): Record<string, unknown> {
  const wanted = CARRIED.filter(([key, kind]) => item.form.fields.some((f) => f.key === key && f.kind === kind));
  if (wanted.length === 0) return {};
  const earlier = listApplications(ctx.db, { residentId: applicant.id, limit: 20 }).find(
    (a) => typeof a.form.bankAccount === 'string' && a.form.bankAccount !== '',
  );
  if (!earlier) return {};
  return Object.fromEntries(wanted.filter(([key]) => typeof earlier.form[key] === 'string').map(([key]) => [key, earlier.form[key]]));
}
