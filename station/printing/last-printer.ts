import type { StationParsedInput } from '../../core/api/schemas';
import type { PrinterView } from '../../core/api/views';
import { getSetting, setSetting } from '../../db';
import type { StationContext } from '../context';
import { requireUser } from '../runtime/guard';
import { SETTINGS } from '../runtime/settings-keys';

/** What is printed: the receipt, or one of the documents (交接清单, 告知书 …). */
export type PrintedDocument = NonNullable<StationParsedInput<'printers.list'>['for']>;

const key = (doc: PrintedDocument) => `${SETTINGS.lastPrinter}.${doc}`;

/** The cadre's choice is kept per document: a receipt printer and an A4 printer are often two machines. */
export function rememberPrinter(ctx: StationContext, doc: PrintedDocument, printerId: string): void {
  setSetting(ctx.db, key(doc), printerId);
}

/** The terminal's printers, the one last used for `for` (if it is still there) marked. */
export async function listPrinters(ctx: StationContext, input: StationParsedInput<'printers.list'>): Promise<PrinterView[]> {
  requireUser(ctx);
  const last = input.for ? getSetting(ctx.db, key(input.for)) : null;
  return (await ctx.printers.list()).map((p) => ({ ...p, lastUsed: p.id === last }));
}
