import { DaibanError } from '../../../core/errors';
import type { ReceiptFormat } from '../documents/receipt-data';

/**
 * The printing port. Station code prints through it and never knows whether the paper comes out of a
 * CUPS queue (Linux: UOS, Kylin), a Windows printer, or is saved as a PDF file.
 *
 * Printer ids carry their kind: 'cups:<queue>', 'windows:<printer name>', and 'pdf' for "save as PDF",
 * which always exists.
 */

export interface PrinterInfo {
  id: string;
  /** What the cadre sees in the printer list. */
  name: string;
  kind: 'cups' | 'windows' | 'pdf';
  isDefault: boolean;
}

export interface PrintJob {
  pdf: Buffer;
  /** Job title in the print queue, and the file name when saving as PDF (made safe by the port). */
  title: string;
  /** 1 by default. */
  copies?: number;
  /** Paper the document was laid out for; the port asks the printer for matching media. */
  paper?: ReceiptFormat;
}

export interface PrinterPort {
  list(): Promise<PrinterInfo[]>;
  /**
   * Sends the job; resolves once the system has accepted it (not when paper comes out).
   * `jobRef` is the queue's job id (CUPS), a local reference (Windows), or the saved file's path (PDF).
   * Fails with DaibanError('PRINTER_FAILED') and a Chinese message.
   */
  print(printerId: string, job: PrintJob): Promise<{ jobRef: string }>;
}

export const PDF_PRINTER_ID = 'pdf';
export const CUPS_ID_PREFIX = 'cups:';
export const WINDOWS_ID_PREFIX = 'windows:';

/** Copies asked for, checked: a whole number from 1 to 99. */
export function copiesOf(job: PrintJob): number {
  const copies = job.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1 || copies > 99) {
    throw new DaibanError('INVALID_INPUT', '打印份数应为 1 到 99 之间的整数。', { copies });
  }
  return copies;
}
