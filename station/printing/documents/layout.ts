import { maskCitizenId } from '../../../core/citizen-id';
import { DaibanError } from '../../../core/errors';
import { A4_BOTTOM, A4_MARGIN, A4_MARGINS, CONTENT_WIDTH, continuationHeader, type Cell, ensureSpace, PADDING, table } from '../pdf/a4-layout';
import { A4_SIZE, createPdfDocument, FONT, MM, type PdfDoc, type PdfInfo, renderToBuffer } from '../pdf/pdf-document';

/**
 * Layout shared by the 交接清单, 一次性告知书 and 办理结果通知书: an A4 document numbered 第 n 页 共 m 页,
 * a continuation line on every page after the first, body paragraphs, a table that repeats its head row
 * on each page, and the signature/stamp area.
 */

/**
 * Lowest y our own page breaks let content reach: a little above the bottom margin, so a table row we
 * measured is never broken by pdfkit first. The page number sits in the bottom margin.
 */
export const DOC_BOTTOM = A4_BOTTOM - 6;

export const BODY_SIZE = 11;
const BODY_LINE_GAP = 2.5;

export interface A4DocumentSpec {
  info: PdfInfo;
  /** The line on top of every page after the first, e.g. '交接清单（续页）  清单编号：…'. */
  continuation: string;
  /** What the cadre reads if drawing fails, e.g. '生成交接清单时出错'. */
  failure: string;
  /** Logged with a failure. */
  details: Record<string, unknown>;
}

/**
 * Creates the A4 document, lets `draw` fill it, numbers the pages and returns the PDF. Any fault that is
 * not already a DaibanError becomes PRINTER_FAILED with the Chinese `failure` message.
 */
export async function renderA4Document(spec: A4DocumentSpec, draw: (doc: PdfDoc) => void): Promise<Buffer> {
  try {
    const doc = createPdfDocument({ info: spec.info, size: A4_SIZE, margins: A4_MARGINS, bufferPages: true });
    doc.on('pageAdded', () => continuationHeader(doc, spec.continuation));
    draw(doc);
    numberPages(doc);
    return await renderToBuffer(doc);
  } catch (e) {
    if (e instanceof DaibanError) throw e;
    throw new DaibanError('PRINTER_FAILED', `${spec.failure}，请重试；如仍不行，请联系运维人员。`, {
      ...spec.details,
      cause: e instanceof Error ? e.message : String(e),
    });
  }
}

/** 第 n 页 共 m 页 centred under the content of every page, once the page count is known. */
function numberPages(doc: PdfDoc): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    doc.font(FONT.regular).fontSize(8.5).fillColor('#000000');
    // No width: with one pdfkit wraps lines and, below the bottom margin, would start a new page.
    const text = `第 ${i - start + 1} 页  共 ${count} 页`;
    doc.text(text, A4_MARGIN + (CONTENT_WIDTH - doc.widthOfString(text)) / 2, A4_BOTTOM + 18, { lineBreak: false });
  }
}

/** The ID number as it may appear on paper: masked again if a whole number slipped through. */
export function paperId(idNumber: string): string {
  return /^\d{17}[\dXx]$/.test(idNumber.trim()) ? maskCitizenId(idNumber) : idNumber;
}

/** The title, big and spaced, centred in [x, x + width]; returns the y under it. */
export function title(doc: PdfDoc, text: string, x: number, y: number, width: number): number {
  doc.font(FONT.bold).fontSize(22).fillColor('#000000');
  doc.text(text, x, y, { width, align: 'center', characterSpacing: 6 });
  return doc.y;
}

/** Side of the QR code of the application id on a notice. */
export const QR_SIZE = 22 * MM;

export interface ParagraphOptions {
  /** Two-character first-line indent, as Chinese prose is set. Default true. */
  indent?: boolean;
  bold?: boolean;
  size?: number;
  /** Left offset from the margin. */
  inset?: number;
}

/** A body paragraph at y, on a new page when it does not fit; returns the y under it. */
export function paragraph(doc: PdfDoc, text: string, y: number, options: ParagraphOptions = {}): number {
  const size = options.size ?? BODY_SIZE;
  const inset = options.inset ?? 0;
  const font = options.bold ? FONT.bold : FONT.regular;
  const opts = { width: CONTENT_WIDTH - inset, lineGap: BODY_LINE_GAP, indent: options.indent === false ? 0 : 2 * size };
  doc.font(font).fontSize(size).fillColor('#000000');
  const h = doc.heightOfString(text, opts);
  const top = ensureSpace(doc, y, Math.min(h, 3 * size), DOC_BOTTOM);
  doc.font(font).fontSize(size).fillColor('#000000');
  doc.text(text, A4_MARGIN + inset, top, opts);
  return doc.y;
}

export interface RepeatingTable {
  columns: number[];
  /** Drawn first, and again at the top of every page the rows run onto. */
  head: Cell[];
  rows: Cell[][];
  padding?: [number, number];
}

/**
 * A table whose head row is repeated on every page. Rows are measured here and broken onto a new page
 * before pdfkit would (its own page break does not repeat the head); a row never splits across pages.
 * Returns the y under the table.
 */
export function repeatingTable(doc: PdfDoc, y: number, t: RepeatingTable): number {
  const padding = t.padding ?? PADDING;
  const headH = rowHeight(doc, t.head, t.columns, padding);
  // The head never stands alone at the bottom of a page: it needs its first row with it.
  const firstH = t.rows[0] ? rowHeight(doc, t.rows[0], t.columns, padding) : 0;
  let top = ensureSpace(doc, y, headH + firstH, DOC_BOTTOM);
  top = table(doc, top, t.columns, [t.head], padding);
  for (const row of t.rows) {
    const h = rowHeight(doc, row, t.columns, padding);
    if (top + h > DOC_BOTTOM) {
      doc.addPage();
      top = table(doc, doc.y, t.columns, [t.head], padding);
    }
    top = table(doc, top, t.columns, [row], padding);
  }
  return top;
}

/** The height pdfkit will give a one-line-per-cell row: its tallest cell's text plus padding, rounded up. */
function rowHeight(doc: PdfDoc, row: Cell[], columns: number[], padding: [number, number]): number {
  let col = 0;
  let h = 0;
  for (const cell of row) {
    const span = cell.colSpan ?? 1;
    const width = columns.slice(col, col + span).reduce((a, b) => a + b, 0);
    col += span;
    const size = cell.font?.size ?? 10.5;
    const src = cell.font?.src;
    doc.font(typeof src === 'string' ? src : FONT.regular).fontSize(size);
    const textH = cell.text ? doc.heightOfString(String(cell.text), { width: width - 2 * padding[1] }) : doc.currentLineHeight();
    h = Math.max(h, textH + 2 * padding[0]);
  }
  // A little slack: pdfkit's own measure may round differently.
  return Math.ceil(h) + 2;
}

/**
 * Signature columns side by side, e.g. 移交人 / 接收人 / 日期, kept together on one page. A line ending in
 * '：' gets a rule after it to sign on. Returns the y under the area.
 */
export function signatureArea(doc: PdfDoc, y: number, columns: string[][], lineStep = 30): number {
  const rows = Math.max(...columns.map((c) => c.length));
  const height = rows * lineStep;
  const top = ensureSpace(doc, y, height, DOC_BOTTOM);
  const w = CONTENT_WIDTH / columns.length;
  doc.font(FONT.regular).fontSize(BODY_SIZE).fillColor('#000000');
  columns.forEach((lines, i) => {
    lines.forEach((line, j) => signLine(doc, line, A4_MARGIN + i * w, top + 8 + j * lineStep, w - 12));
  });
  return top + height;
}

/**
 * The issuing block at the bottom right of a notice: '代办点（盖章）', the service point's name and the date,
 * with room above for the round stamp; and on the left the resident's acknowledgement of receipt.
 */
export function issuerBlock(doc: PdfDoc, y: number, issuer: { servicePoint: string; date: string }, receiptLines: string[]): number {
  const height = 74;
  const top = ensureSpace(doc, y, height, DOC_BOTTOM);
  const half = CONTENT_WIDTH / 2;
  const right = A4_MARGIN + half;
  receiptLines.forEach((line, i) => signLine(doc, line, A4_MARGIN, top + 6 + i * 30, half - 24));
  doc.font(FONT.regular).fontSize(BODY_SIZE).fillColor('#000000');
  doc.text('受理代办点（盖章）', right, top + 6, { width: half, align: 'center' });
  // The name on one line under the stamp: shrunk to fit rather than wrapped.
  let size = 10;
  while (size > 7.5 && doc.fontSize(size).widthOfString(issuer.servicePoint) > half) size -= 0.5;
  doc.fontSize(size).text(issuer.servicePoint, right, top + 30, { width: half, align: 'center' });
  doc.fontSize(BODY_SIZE).text(issuer.date, right, Math.max(doc.y + 4, top + 50), { width: half, align: 'center' });
  return Math.max(doc.y, top + height);
}

/** One line of text at (x, y); when it ends in '：' a rule follows it up to x + width, to write on. */
function signLine(doc: PdfDoc, line: string, x: number, y: number, width: number): void {
  doc.font(FONT.regular).fontSize(BODY_SIZE).fillColor('#000000');
  doc.text(line, x, y, { lineBreak: false });
  if (!line.endsWith('：')) return;
  const ruleY = y + doc.currentLineHeight() - 2;
  doc
    .save()
    .lineWidth(0.6)
    .moveTo(x + doc.widthOfString(line) + 2, ruleY)
    .lineTo(x + width, ruleY)
    .stroke('#000000')
    .restore();
}
