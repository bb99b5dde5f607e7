import { v7 as uuidv7 } from 'uuid';
import type { StationParsedInput } from '../../core/api/schemas';
import type { ApplicationDetail, ApplicationPage, ApplicationView } from '../../core/api/views';
import type { CatalogItem, ReceivedMaterials } from '../../core/catalog/model';
import { shanghaiDate } from '../../core/calendar';
import { maskCitizenId } from '../../core/citizen-id';
import { DaibanError } from '../../core/errors';
import { applicantFacts } from '../../core/forms/logic';
import { validateForm, validateMaterials } from '../../core/forms/validate';
import { transition } from '../../core/lifecycle';
import { formatReceiptNo } from '../../core/receipt-number';
import {
  findApplication,
  findUserById,
  insertApplication,
  latestDecision,
  listApplications,
  listDecisions,
  listAttachments,
  listEvents,
  loadMaterials,
  nextCounter,
  replaceMaterials,
  updateApplication,
  type ApplicationRow,
} from '../../db';
import { recordChange } from '../runtime/record-change';
import { routeView } from '../review/route-view';
import type { StationContext } from '../context';
import { toDecisionView } from '../review/decision-views';
import { toAttachmentView } from '../attachments/views';
import { INTAKE_ROLES, requireUser } from '../runtime/guard';
import { findResidents, loadResident } from '../residents/handlers';
import { knownAnswers } from './known-answers';
import { decodePageCursor, encodePageCursor } from '../runtime/page-cursor';

/** A form bigger than this is not a form: refuse it before it bloats the store and the sync. */
const MAX_FORM_JSON_BYTES = 256 * 1024;

export function loadApplication(ctx: StationContext, id: string): ApplicationRow {
  const a = findApplication(ctx.db, id);
  if (!a) throw new DaibanError('NOT_FOUND', '找不到该申请。', { id });
  return a;
}

export function toApplicationView(ctx: StationContext, a: ApplicationRow): ApplicationView {
  const resident = loadResident(ctx, a.residentId);
  return {
    id: a.id,
    itemCode: a.itemCode,
    itemName: ctx.catalog.item(a.itemCode, a.catalogVersion).name,
    catalogVersion: a.catalogVersion,
    residentId: a.residentId,
    residentName: resident.name,
    residentIdMasked: maskCitizenId(resident.idNumber),
    status: a.status,
    form: a.form,
    materials: loadMaterials(ctx.db, a.id),
    receiptNo: a.receiptNo,
    submittedAt: a.submittedAt,
    dueDate: a.dueDate,
    createdBy: a.createdBy,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    decision: decisionOf(ctx, a),
  };
}

/** Only a submitted application can have one; a draft skips the lookup. */
function decisionOf(ctx: StationContext, a: ApplicationRow) {
  if (a.status === 'draft' || a.status === 'queued') return null;
  const d = latestDecision(ctx.db, a.id);
  return d ? toDecisionView(d) : null;
}

export function createDraft(ctx: StationContext, input: StationParsedInput<'applications.createDraft'>): ApplicationView {
  const user = requireUser(ctx, INTAKE_ROLES);
  const resident = loadResident(ctx, input.residentId);
  const catalog = ctx.catalog.latest();
  const item = ctx.catalog.item(input.itemCode, catalog.version);
  const at = ctx.clock.now().toISOString();
  const row: ApplicationRow = {
    id: uuidv7(),
    residentId: resident.id,
    itemCode: item.code,
    catalogVersion: catalog.version,
    status: 'draft',
    form: knownAnswers(ctx, item, resident),
    receiptNo: null,
    submittedAt: null,
    dueDate: null,
    receiptPrints: 0,
    createdBy: user.id,
    createdAt: at,
    updatedAt: at,
  };
  ctx.db.transaction(() => {
    insertApplication(ctx.db, row);
    recordChange(ctx, {
      at,
      actorId: user.id,
      event: { applicationId: row.id, type: 'created', fromStatus: null, toStatus: 'draft' },
      audit: { action: 'draft_created', entityType: 'application', entityId: row.id, detail: { itemCode: item.code } },
    });
  })();
  return toApplicationView(ctx, row);
}

/** Only the materials the item asks for are kept; anything else in the input is dropped. */
function knownMaterials(item: CatalogItem, materials: ReceivedMaterials): ReceivedMaterials {
  const keys = new Set(item.materials.map((m) => m.key));
  return Object.fromEntries(Object.entries(materials).filter(([k]) => keys.has(k)));
}

/**
 * Autosave: stores whatever the cadre has typed so far, valid or not, so nothing is lost to a crash.
 * Not a lifecycle change, so it writes no event or audit entry (one every few seconds would drown both).
 */
export function saveDraft(ctx: StationContext, input: StationParsedInput<'applications.saveDraft'>): ApplicationView {
  requireUser(ctx, INTAKE_ROLES);
  const before = loadApplication(ctx, input.id);
  if (before.status !== 'draft') {
    throw new DaibanError('ILLEGAL_TRANSITION', '该申请已提交，不能再修改草稿。', { status: before.status });
  }
  const formJson = JSON.stringify(input.form);
  if (Buffer.byteLength(formJson) > MAX_FORM_JSON_BYTES) {
    throw new DaibanError('INVALID_INPUT', '表单内容过多，无法保存。');
  }
  const item = ctx.catalog.item(before.itemCode, before.catalogVersion);
  const after: ApplicationRow = { ...before, form: JSON.parse(formJson), updatedAt: ctx.clock.now().toISOString() };
  ctx.db.transaction(() => {
    updateApplication(ctx.db, after);
    replaceMaterials(ctx.db, after.id, knownMaterials(item, input.materials));
  })();
  return toApplicationView(ctx, after);
}

/**
 * Validates the saved draft against its item's form and required materials; if everything holds, in one
 * transaction: receipt number, due date, status queued, an event, the outbox message and an audit entry.
 * A refusal lists every problem at once and writes nothing.
 */
export function submit(ctx: StationContext, input: StationParsedInput<'applications.submit'>): ApplicationView {
  const user = requireUser(ctx, INTAKE_ROLES);
  const before = loadApplication(ctx, input.id);
  const status = transition(before.status, 'submit');
  const item = ctx.catalog.item(before.itemCode, before.catalogVersion);
  const materials = loadMaterials(ctx.db, before.id);
  const at = ctx.clock.now().toISOString();
  const today = shanghaiDate(at);

  const resident = loadResident(ctx, before.residentId);
  const form = validateForm(item.form, before.form, { today, applicant: applicantFacts(resident, today) });
  const received = validateMaterials(item.materials, materials);
  if (!form.ok || !received.ok) {
    const fields = { ...(form.ok ? {} : form.fields), ...(received.ok ? {} : received.fields) };
    const count = Object.keys(fields).length;
    const code = form.ok ? 'MATERIALS_MISSING' : 'FORM_INVALID';
    throw new DaibanError(code, `还有${count}处需要补充或更正，请查看标红的项目。`, { fields });
  }

  const point = ctx.servicePoint();
  const attachments = listAttachments(ctx.db, before.id);
  const dueDate = ctx.calendar.addWorkingDays(today, item.promisedDays);
  let after!: ApplicationRow;
  ctx.db.transaction(() => {
    const seq = nextCounter(ctx.db, `receipt:${today}`);
    const receiptNo = formatReceiptNo({ villageCode: point.divisionCode, date: today, terminalNo: point.terminalNo, seq });
    after = { ...before, status, form: form.value, receiptNo, submittedAt: at, dueDate, updatedAt: at };
    updateApplication(ctx.db, after);
    recordChange(ctx, {
      at,
      actorId: user.id,
      event: { applicationId: after.id, type: 'submit', fromStatus: before.status, toStatus: status },
      outbox: {
        kind: 'application.submitted',
        body: {
          applicationId: after.id,
          receiptNo,
          itemCode: item.code,
          catalogVersion: after.catalogVersion,
          divisionCode: point.divisionCode,
          resident: {
            id: resident.id,
            idNumber: resident.idNumber,
            name: resident.name,
            gender: resident.gender,
            birthDate: resident.birthDate,
            phone: resident.phone,
            address: resident.address,
          },
          form: form.value,
          materials,
          attachments: attachments.map((a) => ({ sha256: a.sha256, fileName: a.fileName, mimeType: a.mimeType, size: a.size })),
          submittedAt: at,
          dueDate,
          cadre: { id: user.id, name: user.displayName },
        },
      },
      audit: { action: 'application_submitted', entityType: 'application', entityId: after.id, detail: { receiptNo } },
    });
  })();
  return toApplicationView(ctx, after);
}

export function withdraw(ctx: StationContext, input: StationParsedInput<'applications.withdraw'>): ApplicationView {
  const user = requireUser(ctx, INTAKE_ROLES);
  const before = loadApplication(ctx, input.id);
  const status = transition(before.status, 'withdraw');
  const at = ctx.clock.now().toISOString();
  const after: ApplicationRow = { ...before, status, updatedAt: at };
  // A draft never left the terminal: nothing to tell the platform.
  const wasSubmitted = before.status !== 'draft';
  ctx.db.transaction(() => {
    updateApplication(ctx.db, after);
    recordChange(ctx, {
      at,
      actorId: user.id,
      event: { applicationId: after.id, type: 'withdraw', fromStatus: before.status, toStatus: status, note: input.reason },
      ...(wasSubmitted
        ? { outbox: { kind: 'application.withdrawn', body: { applicationId: after.id, reason: input.reason, withdrawnAt: at, by: user.id } } }
        : {}),
      audit: { action: 'application_withdrawn', entityType: 'application', entityId: after.id },
    });
  })();
  return toApplicationView(ctx, after);
}

const encodeCursor = (a: ApplicationRow) => encodePageCursor(a.updatedAt, a.id);

function decodeCursor(cursor: string): { updatedAt: string; id: string } {
  const { at, id } = decodePageCursor(cursor);
  return { updatedAt: at, id };
}

export function list(ctx: StationContext, input: StationParsedInput<'applications.list'>): ApplicationPage {
  requireUser(ctx);
  const rows = listApplications(ctx.db, {
    statuses: input.status,
    itemCode: input.itemCode,
    residentId: input.residentId,
    // A search: the residents it names (at most 200, a village's namesakes) or a receipt number holding it.
    match: input.query?.trim() ? { residentIds: findResidents(ctx, input.query, 200).map((r) => r.id), receiptPart: input.query.trim() } : undefined,
    before: input.before ? decodeCursor(input.before) : undefined,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((a) => toApplicationView(ctx, a)),
    nextCursor: rows.length > input.limit ? encodeCursor(page.at(-1)!) : null,
  };
}

export function get(ctx: StationContext, input: StationParsedInput<'applications.get'>): ApplicationDetail {
  requireUser(ctx);
  const a = loadApplication(ctx, input.id);
  // The township's reviewers are not accounts of this terminal: their decisions carry their names.
  const names = new Map<string, string>(listDecisions(ctx.db, a.id).map((d) => [d.reviewerId, d.reviewerName]));
  const actorName = (id: string) => {
    if (!names.has(id)) names.set(id, findUserById(ctx.db, id)?.displayName ?? '系统');
    return names.get(id)!;
  };
  const resident = loadResident(ctx, a.residentId);
  return {
    ...toApplicationView(ctx, a),
    item: ctx.catalog.item(a.itemCode, a.catalogVersion),
    route: routeView(ctx, a, shanghaiDate(ctx.clock.now())),
    applicant: applicantFacts(resident, shanghaiDate(ctx.clock.now())),
    events: listEvents(ctx.db, a.id).map((e) => ({
      id: e.id,
      at: e.at,
      type: e.type,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorName: actorName(e.actorId),
      note: e.note,
    })),
    attachments: listAttachments(ctx.db, a.id).map(toAttachmentView),
  };
}
