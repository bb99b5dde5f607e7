import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as PdfToPrinterModule from 'pdf-to-printer';
import { DaibanError } from '../../../core/errors';
import { copiesOf, WINDOWS_ID_PREFIX, type PrintJob, type PrinterInfo, type PrinterPort } from './printer';

/**
 * Printing on Windows through `pdf-to-printer`, which lists printers with PowerShell (Get-CimInstance
 * Win32_Printer) and prints with the SumatraPDF it bundles (`-print-to <name> -silent`). In an Electron
 * build SumatraPDF must sit outside the asar (pdf-to-printer looks in app.asar.unpacked; see
 * build/ asarUnpack). The module is imported on first use only, so Linux never loads it.
 *
 * Windows gives no job id back: jobRef is a local reference for the log. This file is kept thin
 * because it cannot be tested off Windows; the composition in printers.ts is tested instead.
 */

type PdfToPrinter = typeof PdfToPrinterModule;

export interface WindowsPrinterOptions {
  /** For tests or a relocated SumatraPDF. */
  loadModule?: () => Promise<PdfToPrinter>;
  sumatraPdfPath?: string;
}

export class WindowsPrinter implements PrinterPort {
  private modulePromise?: Promise<PdfToPrinter>;

  constructor(private readonly options: WindowsPrinterOptions = {}) {}

  async list(): Promise<PrinterInfo[]> {
    try {
      const lib = await this.lib();
      const [printers, defaultPrinter] = await Promise.all([lib.getPrinters(), lib.getDefaultPrinter()]);
      return printers.map((p) => ({
        id: WINDOWS_ID_PREFIX + p.name,
        name: p.name,
        kind: 'windows' as const,
        isDefault: p.deviceId === defaultPrinter?.deviceId,
      }));
    } catch (e) {
      throw new DaibanError('PRINTER_FAILED', '读取本机打印机列表失败，请检查打印机是否已安装，或先“保存为PDF”。', {
        cause: describe(e),
      });
    }
  }

  async print(printerId: string, job: PrintJob): Promise<{ jobRef: string }> {
    const name = printerId.startsWith(WINDOWS_ID_PREFIX) ? printerId.slice(WINDOWS_ID_PREFIX.length) : printerId;
    const copies = copiesOf(job);
    const dir = await mkdtemp(join(tmpdir(), 'daiban-print-'));
    const file = join(dir, 'document.pdf');
    try {
      await writeFile(file, job.pdf);
      const lib = await this.lib();
      await lib.print(file, {
        printer: name,
        copies,
        // An 80 mm receipt must not be shrunk to the driver's default roll length; A4 fits the sheet.
        scale: job.paper === '80mm' ? 'noscale' : 'fit',
        ...(job.paper === 'a4' ? { paperSize: 'A4' } : {}),
        ...(this.options.sumatraPdfPath ? { sumatraPdfPath: this.options.sumatraPdfPath } : {}),
      });
      return { jobRef: `${WINDOWS_ID_PREFIX}${name}:${randomUUID()}` };
    } catch (e) {
      throw new DaibanError('PRINTER_FAILED', `打印机“${name}”打印失败，请检查打印机是否开机、有纸、已连接，然后重试。`, {
        printer: name,
        cause: describe(e),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private lib(): Promise<PdfToPrinter> {
    this.modulePromise ??= this.options.loadModule ? this.options.loadModule() : loadPdfToPrinter();
    return this.modulePromise;
  }
}

/**
 * pdf-to-printer is a webpack UMD bundle: Node's ESM loader sees only a default export holding the
 * functions, while its typings declare named exports. Accept both shapes.
 */
async function loadPdfToPrinter(): Promise<PdfToPrinter> {
  const mod = (await import('pdf-to-printer')) as PdfToPrinter & { default?: PdfToPrinter };
  return mod.default ?? mod;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
