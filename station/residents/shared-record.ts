import type { HouseholdSaved, ResidentSaved } from '../../core/sync/messages';
import type { HouseholdRelation } from '../../core/households';
import { findResidentById, type HouseholdRow, type ResidentRow, type UserRow } from '../../db';
import type { StationContext } from '../context';
import { isReviewTerminal } from '../runtime/terminal-role';

/**
 * The outbox messages that share a village's register with its other terminals and with a PC that replaces
 * one (docs/village-terminals.md). A township or county terminal keeps its residents to itself: nothing goes up.
 */

type Outbox = { kind: 'resident.saved'; body: ResidentSaved } | { kind: 'household.saved'; body: HouseholdSaved };

export function residentSaved(ctx: StationContext, r: ResidentRow, user: UserRow): Outbox | undefined {
  if (isReviewTerminal(ctx.db)) return undefined;
  const { id, idNumber, name, gender, birthDate, phone, address } = r;
  return {
    kind: 'resident.saved',
    body: {
      divisionCode: ctx.servicePoint().divisionCode,
      resident: { id, idNumber, name, gender, birthDate, phone, address },
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      by: { id: user.id, name: user.displayName },
    },
  };
}

export function householdSaved(ctx: StationContext, h: HouseholdRow, user: UserRow): Outbox | undefined {
  if (isReviewTerminal(ctx.db)) return undefined;
  return {
    kind: 'household.saved',
    body: {
      householdId: h.id,
      divisionCode: ctx.servicePoint().divisionCode,
      // Stored only through households.save, whose schema admits HOUSEHOLD_RELATIONS alone.
      // Each member was loaded (and so exists) by households.save, in the same transaction.
      members: h.members.map((m) => ({ idNumber: findResidentById(ctx.db, m.residentId)!.idNumber, relation: m.relation as HouseholdRelation })),
      createdAt: h.createdAt,
      updatedAt: h.updatedAt,
      by: { id: user.id, name: user.displayName },
    },
  };
}
