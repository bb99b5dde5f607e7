import { DaibanError } from '../../../core/errors';
import { CupsPrinter } from './cups-printer';
import { PdfFilePrinter } from './pdf-file-printer';
import { CUPS_ID_PREFIX, PDF_PRINTER_ID, WINDOWS_ID_PREFIX, type PrintJob, type PrinterInfo, type PrinterPort } from './printer';
import { WindowsPrinter } from './windows-printer';

/**
 * The printer port for this machine: the system's printers (CUPS on Linux, Windows printers on win32)
 * plus "save as PDF", which always exists. A job goes to the port its printer id names.
 */

export interface CreatePrinterPortOptions {
  platform: NodeJS.Platform;
  /** Folder for "save as PDF". */
  pdfDir: string;
  /** Replaces the system port (tests, or a platform's own implementation). */
  system?: PrinterPort;
  /** Told when the system printers cannot be listed; the list then holds "save as PDF" only. */
  onListError?: (error: DaibanError) => void;
}

export function createPrinterPort(options: CreatePrinterPortOptions): PrinterPort {
  const pdf = new PdfFilePrinter(options.pdfDir);
  const system = options.system ?? systemPort(options.platform);
  return new CompositePrinterPort(system, pdf, options.onListError);
}

function systemPort(platform: NodeJS.Platform): PrinterPort | undefined {
  if (platform === 'win32') return new WindowsPrinter();
  if (platform === 'linux' || platform === 'darwin' || platform === 'freebsd') return new CupsPrinter();
  return undefined;
}

class CompositePrinterPort implements PrinterPort {
  constructor(
    private readonly system: PrinterPort | undefined,
    private readonly pdf: PrinterPort,
    private readonly onListError?: (error: DaibanError) => void,
  ) {}

  async list(): Promise<PrinterInfo[]> {
    let systemPrinters: PrinterInfo[] = [];
    if (this.system) {
      try {
        systemPrinters = await this.system.list();
      } catch (e) {
        this.onListError?.(
          e instanceof DaibanError ? e : new DaibanError('PRINTER_FAILED', '读取打印机列表失败。', { cause: e instanceof Error ? e.message : String(e) }),
        );
      }
    }
    const pdfPrinters = await this.pdf.list();
    const hasDefault = systemPrinters.some((p) => p.isDefault);
    // With no system default, "save as PDF" is the default so printing always has somewhere to go.
    return [...systemPrinters, ...pdfPrinters.map((p) => ({ ...p, isDefault: !hasDefault }))];
  }

  async print(printerId: string, job: PrintJob): Promise<{ jobRef: string }> {
    if (printerId === PDF_PRINTER_ID) return this.pdf.print(printerId, job);
    // A printer id that names no printer of this PC is the caller's mistake (404), not a printer fault (503).
    const system = this.system;
    if (system && (printerId.startsWith(CUPS_ID_PREFIX) || printerId.startsWith(WINDOWS_ID_PREFIX))) {
      const known = await system.list().then(
        (list) => list.some((p) => p.id === printerId),
        () => true,
      );
      if (known) return system.print(printerId, job);
    }
    throw new DaibanError('NOT_FOUND', '找不到所选的打印机，请在打印设置中重新选择。', { printerId });
  }
}
