import { MATERIAL_FORM_LABEL } from '../../core/catalog/model';
import type { StationParsedInput } from '../../core/api/schemas';
import { maskCitizenId } from '../../core/citizen-id';
import { DaibanError } from '../../core/errors';
import { findUserById, loadMaterials, updateApplication, type ApplicationRow } from '../../db';
import { recordChange } from '../runtime/record-change';
import type { StationContext } from '../context';
import type { ReceiptData, ReceiptFormat } from './documents/receipt-data';
import { renderReceiptPdf } from './documents/receipt-pdf';
import { loadApplication } from '../intake/applications';
import { INTAKE_ROLES, requireUser } from '../runtime/guard';
import { loadResident } from '../residents/handlers';
import { rememberPrinter } from './last-printer';
import { sealedReceiptCode } from '../receipt-codes/seal';

function submitted(ctx: StationContext, id: string): ApplicationRow & { receiptNo: string; submittedAt: string; dueDate: string } {
  const a = loadApplication(ctx, id);
  if (!a.receiptNo || !a.submittedAt || !a.dueDate) {
    throw new DaibanError('ILLEGAL_TRANSITION', '该申请还没有提交，提交后才能打印受理回执。', { status: a.status });
  }
  return a as ApplicationRow & { receiptNo: string; submittedAt: string; dueDate: string };
}

/** Gathers what the receipt shows; the full ID number is masked here, before anything reaches paper. */
export function receiptData(ctx: StationContext, a: ReturnType<typeof submitted>, reprint: boolean): ReceiptData {
  const item = ctx.catalog.item(a.itemCode, a.catalogVersion);
  const resident = loadResident(ctx, a.residentId);
  const received = loadMaterials(ctx.db, a.id);
  const point = ctx.servicePoint();
  return {
    receiptNo: a.receiptNo,
    applicationId: a.id,
    code: sealedReceiptCode(ctx, a, resident.idNumber),
    servicePoint: { name: point.name, divisionCode: point.divisionCode },
    item: { code: item.code, name: item.name, department: item.department, promisedDays: item.promisedDays },
    applicant: { name: resident.name, idNumberMasked: maskCitizenId(resident.idNumber), ...(resident.phone ? { phone: resident.phone } : {}) },
    materials: item.materials
      .filter((m) => received[m.key]?.received)
      .map((m) => ({ name: m.name, formLabel: MATERIAL_FORM_LABEL[m.form], count: received[m.key]!.count })),
    acceptedAt: a.submittedAt,
    dueDate: a.dueDate,
    cadre: { name: findUserById(ctx.db, a.createdBy)?.displayName ?? '' },
    reprint,
  };
}

const fileName = (a: { receiptNo: string }, format: ReceiptFormat) => `受理回执-${a.receiptNo}-${format}.pdf`;

/** For the on-screen preview and "save as PDF": renders without counting a print. */
export async function render(ctx: StationContext, input: StationParsedInput<'receipts.render'>): Promise<{ fileName: string; pdfBase64: string }> {
  requireUser(ctx, INTAKE_ROLES);
  const a = submitted(ctx, input.applicationId);
  const pdf = await renderReceiptPdf(receiptData(ctx, a, a.receiptPrints > 0), input.format);
  return { fileName: fileName(a, input.format), pdfBase64: pdf.toString('base64') };
}

/**
 * Prints the receipt; every print after the first says 补打 (reprint), so two papers are never taken for
 * two applications. The print is counted only once the printer has taken the job.
 */
export async function print(
  ctx: StationContext,
  input: StationParsedInput<'receipts.print'>,
): Promise<{ printerId: string; jobRef: string; reprint: boolean }> {
  const user = requireUser(ctx, INTAKE_ROLES);
  const a = submitted(ctx, input.applicationId);
  const reprint = a.receiptPrints > 0;
  const pdf = await renderReceiptPdf(receiptData(ctx, a, reprint), input.format);
  const { jobRef } = await ctx.printers.print(input.printerId, {
    pdf,
    title: fileName(a, input.format),
    copies: input.copies,
    paper: input.format,
  });
  const at = ctx.clock.now().toISOString();
  ctx.db.transaction(() => {
    rememberPrinter(ctx, 'receipt', input.printerId);
    // Re-read: another print may have been counted while this one was rendering.
    const current = loadApplication(ctx, a.id);
    updateApplication(ctx.db, { ...current, receiptPrints: current.receiptPrints + 1 });
    recordChange(ctx, {
      at,
      actorId: user.id,
      event: { applicationId: a.id, type: reprint ? 'receipt_reprinted' : 'receipt_printed', fromStatus: null, toStatus: null, note: input.format },
      audit: {
        action: reprint ? 'receipt_reprinted' : 'receipt_printed',
        entityType: 'application',
        entityId: a.id,
        detail: { printerId: input.printerId, format: input.format },
      },
    });
  })();
  return { printerId: input.printerId, jobRef, reprint };
}
