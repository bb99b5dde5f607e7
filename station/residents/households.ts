import { v7 as uuidv7 } from 'uuid';
import type { StationParsedInput } from '../../core/api/schemas';
import type { HouseholdView } from '../../core/api/views';
import { maskCitizenId } from '../../core/citizen-id';
import type { HouseholdRelation } from '../../core/households';
import { DaibanError } from '../../core/errors';
import { findHousehold, findHouseholdOf, removeFromHousehold, saveHousehold, type HouseholdRow } from '../../db';
import type { StationContext } from '../context';
import { INTAKE_ROLES, requireUser } from '../runtime/guard';
import { recordChange } from '../runtime/record-change';
import { loadResident } from './handlers';
import { householdSaved } from './shared-record';

/** A resident's household (户) with its members, or null when they are in none yet. */
export function ofResident(ctx: StationContext, input: StationParsedInput<'households.ofResident'>): HouseholdView | null {
  requireUser(ctx);
  loadResident(ctx, input.residentId);
  const h = findHouseholdOf(ctx.db, input.residentId);
  return h ? toHouseholdView(ctx, h) : null;
}

/**
 * Saves a household whole: exactly one 户主, each resident once. A member already in another household is
 * refused with that household named, unless the cadre chose to move them (`moveMembers`); the head of another
 * household that still has members is never taken (that household would be left without one). Audited.
 */
export function save(ctx: StationContext, input: StationParsedInput<'households.save'>): HouseholdView {
  const user = requireUser(ctx, INTAKE_ROLES);
  const heads = input.members.filter((m) => m.relation === '户主');
  if (heads.length !== 1) throw new DaibanError('INVALID_INPUT', '一户应有且只有一位户主。', { fields: { members: '请指定一位户主' } });
  const ids = input.members.map((m) => m.residentId);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new DaibanError('INVALID_INPUT', `“${loadResident(ctx, twice).name}”在这一户中列了两次。`);
  const residents = new Map(ids.map((id) => [id, loadResident(ctx, id)]));
  const existing = input.id ? findHousehold(ctx.db, input.id) : null;
  if (input.id && !existing) throw new DaibanError('NOT_FOUND', '找不到这一户，可能已被修改，请刷新。', { id: input.id });

  const elsewhere = input.members
    .map((m) => ({ m, other: findHouseholdOf(ctx.db, m.residentId) }))
    .filter((x): x is { m: (typeof input.members)[number]; other: HouseholdRow } => x.other !== null && x.other.id !== existing?.id);
  const headsElsewhere = elsewhere.filter((x) => x.other.headId === x.m.residentId && x.other.members.length > 1);
  if (headsElsewhere.length > 0) {
    const names = headsElsewhere.map((x) => residents.get(x.m.residentId)!.name).join('、');
    throw new DaibanError('HOUSEHOLD_CONFLICT', `${names}是另一户的户主，那一户还有其他成员。请先在那一户另选户主，再把他移到这一户。`);
  }
  if (elsewhere.length > 0 && !input.moveMembers) {
    const who = elsewhere.map((x) => `${residents.get(x.m.residentId)!.name}（现属${loadResident(ctx, x.other.headId).name}户）`).join('、');
    throw new DaibanError('HOUSEHOLD_CONFLICT', `${who}已在另一户中。确认要把他们移到这一户吗？`, {
      residentIds: elsewhere.map((x) => x.m.residentId),
    });
  }

  const at = ctx.clock.now().toISOString();
  const row: HouseholdRow = {
    id: existing?.id ?? uuidv7(),
    headId: heads[0]!.residentId,
    members: input.members.map((m) => ({ residentId: m.residentId, relation: m.relation })),
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  };
  ctx.db.transaction(() => {
    for (const x of elsewhere) removeFromHousehold(ctx.db, x.m.residentId);
    saveHousehold(ctx.db, row);
    recordChange(ctx, {
      at,
      actorId: user.id,
      outbox: householdSaved(ctx, row, user),
      audit: {
        action: existing ? 'household_updated' : 'household_created',
        entityType: 'household',
        entityId: row.id,
        detail: { members: row.members.length, movedFrom: elsewhere.map((x) => x.other.id) },
      },
    });
  })();
  return toHouseholdView(ctx, row);
}

export function toHouseholdView(ctx: StationContext, h: HouseholdRow): HouseholdView {
  return {
    id: h.id,
    members: h.members.map((m) => {
      const r = loadResident(ctx, m.residentId);
      // Stored only through households.save, whose schema admits HOUSEHOLD_RELATIONS alone.
      return {
        residentId: r.id,
        name: r.name,
        idNumberMasked: maskCitizenId(r.idNumber),
        gender: r.gender,
        birthDate: r.birthDate,
        relation: m.relation as HouseholdRelation,
      };
    }),
    updatedAt: h.updatedAt,
  };
}
