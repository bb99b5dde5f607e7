import { v7 as uuidv7 } from 'uuid';
import type { StationParsedInput } from '../../core/api/schemas';
import type { HandoverView } from '../../core/api/views';
import { shanghaiDate } from '../../core/calendar';
import { DaibanError } from '../../core/errors';
import type { HandoverConfirmed, HandoverListed } from '../../core/sync/messages';
import {
  applicationsOnLists,
  confirmHandover,
  findApplication,
  findDivisionName,
  findHandover,
  findMessage,
  findReview,
  insertHandover,
  listApplications,
  listHandovers,
  loadMaterials,
  nextCounter,
  type HandoverRow,
} from '../../db';
import { recordChange } from '../runtime/record-change';
import type { StationContext } from '../context';
import { isReviewTerminal, requireTownshipTerminal } from '../runtime/terminal-role';
import { INTAKE_ROLES, REVIEW_ROLES, requireUser } from '../runtime/guard';
import { loadResident } from '../residents/handlers';

/** Submitted and on the platform, awaiting review: their paper travels with the next list. */
const LISTABLE = ['sent', 'under_review', 'supplemented'] as const;
const MAX_PER_LIST = 500;

/** `360781102201-20261123-01-03`: village, day, terminal, that terminal's list of the day. */
export function formatListNo(villageCode: string, day: string, terminalNo: number, seq: number): string {
  return `${villageCode}-${day.replaceAll('-', '')}-${String(terminalNo).padStart(2, '0')}-${String(seq).padStart(2, '0')}`;
}

/** Names and counts from the local application (village) or the replica (township). */
function entryOf(ctx: StationContext, item: HandoverRow['items'][number]): HandoverView['applications'][number] {
  const local = findApplication(ctx.db, item.applicationId);
  const replica = local ? null : findReview(ctx.db, item.applicationId);
  const itemCode = local?.itemCode ?? replica?.itemCode;
  const version = local?.catalogVersion ?? replica?.catalogVersion;
  let catalogItem = null;
  try {
    catalogItem = itemCode ? ctx.catalog.item(itemCode, version) : null;
  } catch {
    catalogItem = null;
  }
  const counts = local ? loadMaterials(ctx.db, local.id) : (replica?.materials ?? {});
  return {
    applicationId: item.applicationId,
    receiptNo: item.receiptNo,
    residentName: local ? loadResident(ctx, local.residentId).name : (replica?.resident.name ?? ''),
    itemName: catalogItem?.name ?? (itemCode ? ctx.catalog.itemName(itemCode) : ''),
    materials: item.materialKeys.map((key) => ({
      key,
      name: catalogItem?.materials.find((m) => m.key === key)?.name ?? key,
      count: counts[key]?.count ?? 1,
    })),
  };
}

export function toHandoverView(ctx: StationContext, h: HandoverRow): HandoverView {
  const message = h.messageId ? findMessage(ctx.db, h.messageId) : null;
  return {
    id: h.id,
    listNo: h.listNo,
    villageCode: h.villageCode,
    villageName: findDivisionName(ctx.db, h.villageCode),
    createdAt: h.createdAt,
    createdByName: h.createdByName,
    applications: h.items.map((i) => entryOf(ctx, i)),
    confirmedAt: h.confirmedAt,
    confirmedByName: h.confirmedByName,
    missing: h.missing,
    synced: message === null || message.status !== 'pending',
  };
}

function loadHandover(ctx: StationContext, id: string): HandoverRow {
  const h = findHandover(ctx.db, id);
  if (!h) throw new DaibanError('NOT_FOUND', '找不到该交接清单，请先同步后再查看。', { id });
  return h;
}

/** Village: one list of every submitted application whose paper has not travelled yet. */
export function create(ctx: StationContext): HandoverView {
  const user = requireUser(ctx, INTAKE_ROLES);
  if (isReviewTerminal(ctx.db)) throw new DaibanError('FORBIDDEN', '交接清单由村代办点制作，乡镇终端只做确认接收。');
  const candidates = listApplications(ctx.db, { statuses: LISTABLE, limit: 10_000 }).reverse();
  const listed = applicationsOnLists(
    ctx.db,
    candidates.map((a) => a.id),
  );
  const apps = candidates.filter((a) => !listed.has(a.id) && a.receiptNo).slice(0, MAX_PER_LIST);
  if (apps.length === 0) {
    throw new DaibanError('ILLEGAL_TRANSITION', '没有需要移交的纸质材料：已上报的申请都已列入交接清单（尚未上报到平台的申请，同步后才能列入）。');
  }
  const point = ctx.servicePoint();
  const at = ctx.clock.now().toISOString();
  const day = shanghaiDate(at);
  const items = apps.map((a) => ({
    applicationId: a.id,
    receiptNo: a.receiptNo!,
    materialKeys: Object.entries(loadMaterials(ctx.db, a.id))
      .filter(([, m]) => m.received)
      .map(([k]) => k),
  }));
  const messageId = uuidv7();
  let row!: HandoverRow;
  ctx.db.transaction(() => {
    const seq = nextCounter(ctx.db, `handover:${day}`);
    row = {
      id: uuidv7(),
      listNo: formatListNo(point.divisionCode, day, point.terminalNo, seq),
      villageCode: point.divisionCode,
      createdAt: at,
      createdByName: user.displayName,
      confirmedAt: null,
      confirmedByName: null,
      missing: [],
      messageId,
      items,
    };
    insertHandover(ctx.db, row);
    const body: HandoverListed = {
      listId: row.id,
      listNo: row.listNo,
      divisionCode: row.villageCode,
      applications: items,
      createdAt: at,
      cadre: { id: user.id, name: user.displayName },
    };
    recordChange(ctx, {
      at,
      actorId: user.id,
      outbox: { kind: 'handover.listed', body, id: messageId },
      audit: { action: 'handover_listed', entityType: 'handover', entityId: row.id, detail: { listNo: row.listNo, applications: items.length } },
    });
  })();
  return toHandoverView(ctx, row);
}

/** Both roles: the village's own lists, or (township) the lists of its villages. Newest first. */
export function list(ctx: StationContext, input: StationParsedInput<'handover.list'>): HandoverView[] {
  requireUser(ctx);
  return listHandovers(ctx.db, input.limit).map((h) => toHandoverView(ctx, h));
}

/** Township: the paper arrived, except what `missing` names. Works offline; goes up as handover.confirmed. */
export function confirm(ctx: StationContext, input: StationParsedInput<'handover.confirm'>): HandoverView {
  const user = requireUser(ctx, REVIEW_ROLES);
  requireTownshipTerminal(ctx.db, '纸质材料的接收确认');
  const before = loadHandover(ctx, input.listId);
  if (before.confirmedAt) {
    throw new DaibanError('ILLEGAL_TRANSITION', `该交接清单已由${before.confirmedByName ?? '审核员'}确认接收，不能重复确认。`, { listId: before.id });
  }
  const onList = new Map(before.items.map((i) => [i.applicationId, new Set(i.materialKeys)]));
  const fields: Record<string, string> = {};
  input.missing.forEach((m, i) => {
    if (!onList.get(m.applicationId)?.has(m.materialKey)) fields[`missing.${i}`] = '清单上没有这份材料，请核对后再确认。';
  });
  if (Object.keys(fields).length > 0) throw new DaibanError('INVALID_INPUT', Object.values(fields)[0]!, { fields });
  const at = ctx.clock.now().toISOString();
  const missing = input.missing.map((m) => ({ applicationId: m.applicationId, materialKey: m.materialKey, note: m.note || null }));
  const messageId = uuidv7();
  const body: HandoverConfirmed = {
    listId: before.id,
    divisionCode: before.villageCode,
    missing,
    confirmedAt: at,
    reviewer: { id: user.id, name: user.displayName },
  };
  ctx.db.transaction(() => {
    confirmHandover(ctx.db, { id: before.id, confirmedAt: at, confirmedByName: user.displayName, missing, messageId });
    recordChange(ctx, {
      at,
      actorId: user.id,
      outbox: { kind: 'handover.confirmed', body, id: messageId },
      audit: { action: 'handover_confirmed', entityType: 'handover', entityId: before.id, detail: { listNo: before.listNo, missing: missing.length } },
    });
  })();
  return toHandoverView(ctx, loadHandover(ctx, before.id));
}
