import { v7 as uuidv7 } from 'uuid';
import type { StationParsedInput } from '../../core/api/schemas';
import type { ResidentSummary, ResidentView } from '../../core/api/views';
import { shanghaiDate } from '../../core/calendar';
import { maskCitizenId, parseCitizenId } from '../../core/citizen-id';
import { DaibanError } from '../../core/errors';
import { namePinyinKeys } from '../../core/pinyin-keys';
import {
  findResidentById,
  findResidentByIdNumber,
  insertResident,
  searchResidentsByPrefix,
  updateResident,
  type ResidentRow,
  type ResidentSearchColumn,
} from '../../db';
import { recordChange } from '../runtime/record-change';
import { residentSaved } from './shared-record';
import type { StationContext } from '../context';
import { INTAKE_ROLES, requireUser } from '../runtime/guard';

export const toResidentView = (r: ResidentRow): ResidentView => ({
  id: r.id,
  idNumber: r.idNumber,
  name: r.name,
  gender: r.gender,
  birthDate: r.birthDate,
  phone: r.phone,
  address: r.address,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export const toResidentSummary = (r: ResidentRow): ResidentSummary => ({
  id: r.id,
  name: r.name,
  idNumberMasked: maskCitizenId(r.idNumber),
  gender: r.gender,
  birthDate: r.birthDate,
  phone: r.phone,
});

export function loadResident(ctx: StationContext, id: string): ResidentRow {
  const r = findResidentById(ctx.db, id);
  if (!r) throw new DaibanError('NOT_FOUND', '找不到该居民，可能已被删除。', { id });
  return r;
}

export function register(ctx: StationContext, input: StationParsedInput<'residents.register'>): ResidentView {
  const user = requireUser(ctx, INTAKE_ROLES);
  const at = ctx.clock.now().toISOString();
  const parsed = parseCitizenId(input.idNumber, shanghaiDate(at));
  if (!parsed.ok) throw new DaibanError(parsed.code, parsed.message, { fields: { idNumber: parsed.message } });
  const existing = findResidentByIdNumber(ctx.db, parsed.value.number);
  if (existing) {
    throw new DaibanError('DUPLICATE_RESIDENT', `该身份证号码已登记为居民“${existing.name}”，请直接选用，不要重复登记。`, {
      residentId: existing.id,
      fields: { idNumber: '该身份证号码已登记' },
    });
  }
  const keys = namePinyinKeys(input.name);
  const row: ResidentRow = {
    id: uuidv7(),
    idNumber: parsed.value.number,
    name: input.name,
    namePinyin: keys.full,
    nameInitials: keys.initials,
    gender: parsed.value.gender,
    birthDate: parsed.value.birthDate,
    phone: input.phone ?? null,
    address: input.address ?? null,
    createdBy: user.id,
    createdAt: at,
    updatedAt: at,
  };
  ctx.db.transaction(() => {
    insertResident(ctx.db, row);
    recordChange(ctx, {
      at,
      actorId: user.id,
      outbox: residentSaved(ctx, row, user),
      audit: { action: 'resident_registered', entityType: 'resident', entityId: row.id },
    });
  })();
  return toResidentView(row);
}

export function update(ctx: StationContext, input: StationParsedInput<'residents.update'>): ResidentView {
  const user = requireUser(ctx, INTAKE_ROLES);
  const before = loadResident(ctx, input.id);
  const at = ctx.clock.now().toISOString();
  const name = input.name ?? before.name;
  const keys = namePinyinKeys(name);
  const after: ResidentRow = {
    ...before,
    name,
    namePinyin: keys.full,
    nameInitials: keys.initials,
    phone: input.phone === undefined ? before.phone : input.phone,
    address: input.address === undefined ? before.address : input.address,
    updatedAt: at,
  };
  const changed = (['name', 'phone', 'address'] as const).filter((k) => before[k] !== after[k]);
  if (changed.length === 0) return toResidentView(before);
  ctx.db.transaction(() => {
    updateResident(ctx.db, after);
    recordChange(ctx, {
      at,
      actorId: user.id,
      outbox: residentSaved(ctx, after, user),
      audit: { action: 'resident_updated', entityType: 'resident', entityId: after.id, detail: { changed } },
    });
  })();
  return toResidentView(after);
}

export function get(ctx: StationContext, input: StationParsedInput<'residents.get'>): ResidentView {
  requireUser(ctx);
  return toResidentView(loadResident(ctx, input.id));
}

/** Which indexed prefix searches a query stands for, from what the cadre typed. */
function searchPlan(query: string): [ResidentSearchColumn, string][] {
  const q = query.replace(/\s+/g, '');
  if (/^\d{1,17}[\dxX]?$/.test(q)) {
    const digits = q.toUpperCase();
    const reversed = [...digits].reverse().join('');
    const plan: [ResidentSearchColumn, string][] = [['id_reversed', reversed]];
    if (digits.length >= 6) plan.unshift(['id_number', digits]);
    if (/^\d+$/.test(digits) && digits.length >= 3) plan.push(['phone', digits], ['phone_reversed', reversed]);
    return plan;
  }
  if (/^[a-zA-Z]+$/.test(q)) {
    const letters = q.toLowerCase();
    return [
      ['name_initials', letters],
      ['name_pinyin', letters],
    ];
  }
  return [['name', q]];
}

/**
 * Finds residents by name, full pinyin or initials (王兆明 by "wzm"), leading or last digits of the ID
 * number, or phone. Every branch is an indexed prefix search, so 100,000 residents cost what 100 do.
 */
export function search(ctx: StationContext, input: StationParsedInput<'residents.search'>): ResidentSummary[] {
  requireUser(ctx);
  return findResidents(ctx, input.query, input.limit).map(toResidentSummary);
}

/** The residents a query names (the search above; the queue's search uses it too). */
export function findResidents(ctx: StationContext, query: string, limit: number): ResidentRow[] {
  if (!query.trim()) return [];
  const seen = new Map<string, ResidentRow>();
  for (const [column, prefix] of searchPlan(query)) {
    for (const r of searchResidentsByPrefix(ctx.db, column, prefix, limit)) {
      if (!seen.has(r.id)) seen.set(r.id, r);
      if (seen.size >= limit) break;
    }
    if (seen.size >= limit) break;
  }
  return [...seen.values()];
}
