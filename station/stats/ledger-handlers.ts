import type { StationParsedInput } from '../../core/api/schemas';
import type { StationContext } from '../context';
import { renderLedgerPdf } from '../printing/documents/ledger-list';
import { rememberPrinter } from '../printing/last-printer';
import { recordChange } from '../runtime/record-change';
import { LEDGER_ROLES, requireUser } from '../runtime/guard';
import { ledgerPeriod, ledgerRows } from './ledger';
import { ledgerWorkbook } from './ledger-xlsx';
import { report } from './report';

const fileBase = (period: { from: string; to: string }) => `台账-${period.from}至${period.to}`;

/** stats.exportLedger: the period's ledger and statistics as an .xlsx the cadre saves (a download, never a path). */
export async function exportLedger(ctx: StationContext, input: StationParsedInput<'stats.exportLedger'>): Promise<{ fileName: string; xlsxBase64: string }> {
  const user = requireUser(ctx, LEDGER_ROLES);
  const period = ledgerPeriod(ctx, input);
  const rows = ledgerRows(ctx, period);
  const xlsx = await ledgerWorkbook({ servicePoint: ctx.servicePoint().name, report: report(ctx, { ...period, granularity: 'month' }), rows });
  // Personal data leaves the terminal in this file: who took it, and how much, is on the record.
  recordChange(ctx, {
    at: ctx.clock.now().toISOString(),
    actorId: user.id,
    audit: { action: 'ledger_exported', entityType: 'ledger', entityId: null, detail: { ...period, rows: rows.length } },
  });
  return { fileName: `${fileBase(period)}.xlsx`, xlsxBase64: xlsx.toString('base64') };
}

async function ledgerPdf(ctx: StationContext, input: { from?: string; to?: string }) {
  const period = ledgerPeriod(ctx, input);
  const pdf = await renderLedgerPdf({
    servicePoint: ctx.servicePoint().name,
    ...period,
    rows: ledgerRows(ctx, period),
    printedAt: ctx.clock.now().toISOString(),
  });
  return { period, pdf };
}

/** stats.renderLedger: the printable A4 list, for the preview. */
export async function renderLedger(ctx: StationContext, input: StationParsedInput<'stats.renderLedger'>): Promise<{ fileName: string; pdfBase64: string }> {
  requireUser(ctx, LEDGER_ROLES);
  const { period, pdf } = await ledgerPdf(ctx, input);
  return { fileName: `${fileBase(period)}.pdf`, pdfBase64: pdf.toString('base64') };
}

/** stats.printLedger: the list to the chosen printer, remembered for the next time. */
export async function printLedger(ctx: StationContext, input: StationParsedInput<'stats.printLedger'>): Promise<{ printerId: string; jobRef: string }> {
  const user = requireUser(ctx, LEDGER_ROLES);
  const { period, pdf } = await ledgerPdf(ctx, input);
  const { jobRef } = await ctx.printers.print(input.printerId, { pdf, title: `${fileBase(period)}.pdf`, copies: input.copies, paper: 'a4' });
  ctx.db.transaction(() => {
    rememberPrinter(ctx, 'ledger', input.printerId);
    recordChange(ctx, {
      at: ctx.clock.now().toISOString(),
      actorId: user.id,
      audit: {
        action: 'ledger_printed',
        entityType: 'ledger',
        entityId: null,
        detail: { ...period, printerId: input.printerId },
      },
    });
  })();
  return { printerId: input.printerId, jobRef };
}
