import { ACTION_LABEL } from '../../core/lifecycle';
import type { DocumentKind, StationParsedInput } from '../../core/api/schemas';
import type { Role } from '../../core/api/views';
import { maskCitizenId } from '../../core/citizen-id';
import { DaibanError } from '../../core/errors';
import { findHandover, findNotice, latestDecision, type DecisionRow } from '../../db';
import { recordChange } from '../runtime/record-change';
import type { StationContext } from '../context';
import type { HandoverDocumentData, NoticeBase, ResultNoticeData, SupplementNoticeData } from './documents/document-data';
import { renderHandoverPdf } from './documents/handover-list';
import { renderIntakeNoticePdf } from './documents/intake-notice';
import { renderResultNoticePdf } from './documents/result-notice';
import { intakeNoticeData } from './intake-notice-data';
import { renderSupplementNoticePdf } from './documents/supplement-notice';
import { isReviewTerminal } from '../runtime/terminal-role';
import { loadApplication } from '../intake/applications';
import { INTAKE_ROLES, requireUser } from '../runtime/guard';
import { toHandoverView } from '../handover/handlers';
import { loadResident } from '../residents/handlers';
import { rememberPrinter } from './last-printer';
import { sealedReceiptCode } from '../receipt-codes/seal';
import { divisionNames } from '../divisions/names';

/**
 * The printed documents besides the receipt (DESIGN.md §7, issue #5): the 交接清单 of a batch (both
 * roles), and for the resident the 一次性告知书 and the 办理结果通知书 (village). Data is gathered here,
 * ID numbers masked here; the renderers in station/printing/documents/ only draw.
 */

/** Who may print what: a village cadre its own lists and notices; a township reviewer its villages' lists. */
const TOWNSHIP_ROLES: readonly Role[] = ['reviewer', 'admin'];

/** Digits of a 12-digit division code that name the township (乡级). */
const TOWNSHIP_PREFIX = 9;

interface Rendered {
  fileName: string;
  title: string;
  pdf: Buffer;
}

/** For the on-screen preview and "save as PDF": renders without recording a print. */
export async function render(ctx: StationContext, input: StationParsedInput<'documents.render'>): Promise<{ fileName: string; pdfBase64: string }> {
  const doc = await renderDocument(ctx, input.kind, input.id);
  return { fileName: doc.fileName, pdfBase64: doc.pdf.toString('base64') };
}

/** Sends the document to a printer (or saves it as PDF); the print is audited once the printer took it. */
export async function print(ctx: StationContext, input: StationParsedInput<'documents.print'>): Promise<{ printerId: string; jobRef: string }> {
  const doc = await renderDocument(ctx, input.kind, input.id);
  const user = requireUser(ctx);
  const { jobRef } = await ctx.printers.print(input.printerId, { pdf: doc.pdf, title: doc.fileName, copies: input.copies, paper: 'a4' });
  const at = ctx.clock.now().toISOString();
  ctx.db.transaction(() => {
    rememberPrinter(ctx, input.kind, input.printerId);
    recordChange(ctx, {
      at,
      actorId: user.id,
      audit: {
        action: `${input.kind}_printed`,
        entityType: input.kind === 'handover' ? 'handover' : 'application',
        entityId: input.id,
        detail: { printerId: input.printerId, copies: input.copies, title: doc.title },
      },
    });
  })();
  return { printerId: input.printerId, jobRef };
}

async function renderDocument(ctx: StationContext, kind: DocumentKind, id: string): Promise<Rendered> {
  switch (kind) {
    case 'handover': {
      const data = handoverData(ctx, id);
      return { fileName: `交接清单-${data.listNo}.pdf`, title: `交接清单 ${data.listNo}`, pdf: await renderHandoverPdf(data) };
    }
    case 'supplement_notice': {
      const data = supplementNoticeData(ctx, id);
      return { fileName: `一次性告知书-${data.receiptNo}.pdf`, title: `一次性告知书 ${data.receiptNo}`, pdf: await renderSupplementNoticePdf(data) };
    }
    case 'result_notice': {
      const data = resultNoticeData(ctx, id);
      return { fileName: `办理结果通知书-${data.receiptNo}.pdf`, title: `办理结果通知书 ${data.receiptNo}`, pdf: await renderResultNoticePdf(data) };
    }
    case 'intake_notice': {
      const data = intakeNoticeData(ctx, id, requireUser(ctx, INTAKE_ROLES).displayName);
      return { fileName: `一次性告知单-${data.applicant.name}.pdf`, title: `一次性告知单 ${data.item.name}`, pdf: await renderIntakeNoticePdf(data) };
    }
  }
}

/* ---------- 交接清单 ---------- */

/**
 * A village prints its own lists; a township terminal the lists of the villages under it (its replica
 * holds no others, and the division code is checked besides).
 */
export function handoverData(ctx: StationContext, listId: string): HandoverDocumentData {
  const township = isReviewTerminal(ctx.db);
  requireUser(ctx, township ? TOWNSHIP_ROLES : INTAKE_ROLES);
  const point = ctx.servicePoint();
  const h = findHandover(ctx.db, listId);
  const mine =
    h !== null && (township ? h.villageCode.slice(0, TOWNSHIP_PREFIX) === point.divisionCode.slice(0, TOWNSHIP_PREFIX) : h.villageCode === point.divisionCode);
  if (!h || !mine) throw new DaibanError('NOT_FOUND', '找不到该交接清单，请先同步后再打印。', { id: listId });
  const view = toHandoverView(ctx, h);
  const missingByApp = new Map<string, string[]>();
  for (const m of view.missing) {
    const app = view.applications.find((a) => a.applicationId === m.applicationId);
    const name = app?.materials.find((x) => x.key === m.materialKey)?.name ?? m.materialKey;
    missingByApp.set(m.applicationId, [...(missingByApp.get(m.applicationId) ?? []), m.note ? `${name}（${m.note}）` : name]);
  }
  const names = divisionNames(ctx);
  const receiver = township ? point.name : names.reviewBody(point.divisionCode);
  return {
    listId: view.id,
    listNo: view.listNo,
    servicePoint: township
      ? { name: names.servicePoint(view.villageCode) ?? '村（社区）代办点（见区划代码）', divisionCode: view.villageCode }
      : { name: point.name, divisionCode: point.divisionCode },
    ...(receiver ? { receiver } : {}),
    createdAt: view.createdAt,
    cadre: { name: view.createdByName },
    rows: view.applications.map((a) => {
      const missing = missingByApp.get(a.applicationId);
      return {
        receiptNo: a.receiptNo,
        applicantName: a.residentName,
        itemName: a.itemName,
        materials: a.materials.map((m) => ({ name: m.name, count: m.count })),
        ...(missing ? { note: `未收到：${missing.join('、')}` } : {}),
      };
    }),
    ...(view.confirmedAt ? { confirmation: { confirmedAt: view.confirmedAt, reviewerName: view.confirmedByName ?? '乡镇审核员' } } : {}),
  };
}

/* ---------- notices to the resident (village) ---------- */

function noticeBase(
  ctx: StationContext,
  applicationId: string,
  wanted: readonly DecisionRow['decision'][],
  what: string,
): { base: NoticeBase; decision: DecisionRow } {
  requireUser(ctx, INTAKE_ROLES);
  if (isReviewTerminal(ctx.db)) {
    throw new DaibanError('FORBIDDEN', `${what}由村代办点打印后交给申请人，乡镇终端不能打印。`);
  }
  const a = loadApplication(ctx, applicationId);
  if (!a.receiptNo || !a.submittedAt) {
    throw new DaibanError('ILLEGAL_TRANSITION', `该申请还没有提交，不能打印${what}。`, { status: a.status });
  }
  const decision = latestDecision(ctx.db, a.id);
  if (!decision) {
    throw new DaibanError('ILLEGAL_TRANSITION', `乡镇还没有作出审核决定，暂不能打印${what}；请同步后再试。`, { id: a.id });
  }
  if (!wanted.includes(decision.decision)) {
    throw new DaibanError('ILLEGAL_TRANSITION', `该申请的审核结果是“${ACTION_LABEL[decision.decision]}”，不能打印${what}。`, {
      id: a.id,
      decision: decision.decision,
    });
  }
  const item = ctx.catalog.item(a.itemCode, a.catalogVersion);
  const resident = loadResident(ctx, a.residentId);
  const point = ctx.servicePoint();
  const cadre = ctx.session.user?.displayName ?? '';
  const names = divisionNames(ctx);
  const reviewOrg = names.reviewBody(point.divisionCode);
  const county =
    decision.step === 'county'
      ? {
          agency: names.countyAgency(point.divisionCode, item.implementingAgency) ?? item.implementingAgency,
          afterNotice: findNotice(ctx.db, a.id) !== null,
        }
      : null;
  return {
    decision,
    base: {
      applicationId: a.id,
      code: sealedReceiptCode(ctx, { receiptNo: a.receiptNo, itemCode: a.itemCode }, resident.idNumber),
      receiptNo: a.receiptNo,
      servicePoint: { name: point.name, divisionCode: point.divisionCode },
      ...(reviewOrg ? { reviewOrg } : {}),
      ...(county ? { county } : {}),
      item: { name: item.name, department: item.department },
      // Masked here: the full ID number never reaches the renderer.
      applicant: { name: resident.name, idNumberMasked: maskCitizenId(resident.idNumber) },
      submittedAt: a.submittedAt,
      decidedAt: decision.decidedAt,
      cadre: { name: cadre },
      issuedAt: ctx.clock.now().toISOString(),
    },
  };
}

/** Only for an application whose standing decision is a return for supplement. */
export function supplementNoticeData(ctx: StationContext, applicationId: string): SupplementNoticeData {
  const { base, decision } = noticeBase(ctx, applicationId, ['request_supplement'], '一次性告知书');
  const items = decision.supplement?.items ?? [];
  if (items.length === 0) {
    throw new DaibanError('ILLEGAL_TRANSITION', '这次退回补正没有列出需要补正的内容，无法生成一次性告知书，请联系乡镇审核员。', { id: applicationId });
  }
  return {
    ...base,
    items: items.map((i) => ({ kind: i.kind, label: i.label, problem: i.problem })),
    note: decision.supplement?.note ?? null,
  };
}

/** Only for an application whose standing decision is an approval or a rejection. */
export function resultNoticeData(ctx: StationContext, applicationId: string): ResultNoticeData {
  const { base, decision } = noticeBase(ctx, applicationId, ['approve', 'reject'], '办理结果通知书');
  // A township's pass of a multi-level item is a step, not the result: the county's decision is.
  if (decision.statusAfter === 'publicizing' || decision.statusAfter === 'county_review') {
    throw new DaibanError(
      'ILLEGAL_TRANSITION',
      `这件申请乡镇已审核通过，${decision.statusAfter === 'publicizing' ? '正在公示，' : ''}还要报县级审批；审批结果到达后才能打印办理结果通知书。`,
      {
        id: applicationId,
      },
    );
  }
  return { ...base, decision: decision.decision === 'approve' ? 'approve' : 'reject', reason: decision.reason };
}
