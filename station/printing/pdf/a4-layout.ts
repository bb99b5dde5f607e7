import { A4_SIZE, FONT, MM, type PdfDoc } from './pdf-document';

/**
 * The A4 form style shared by every A4 document (受理回执, 交接清单, 一次性告知书, 办理结果通知书):
 * 20 mm margins, bordered tables with grey label cells, and page-break helpers.
 */

export const A4_MARGIN = 20 * MM;
/** Room above a continuation page's content for its header line. */
export const CONTINUATION_HEADER = 20;
/**
 * Page margins for the document. The top one leaves room for the continuation header, because pdfkit's
 * table continues its rows at the top margin of a new page; the first page places everything itself,
 * starting at A4_MARGIN.
 */
export const A4_MARGINS = { top: A4_MARGIN + CONTINUATION_HEADER, bottom: A4_MARGIN, left: A4_MARGIN, right: A4_MARGIN };

export const CONTENT_WIDTH = A4_SIZE[0] - 2 * A4_MARGIN;
/** Lowest y content may reach on an A4 page. */
export const A4_BOTTOM = A4_SIZE[1] - A4_MARGIN;
export const BORDER = 0.7;
export const LABEL_BG = '#eeeeee';
export const SECTION_BG = '#d9d9d9';
/** Vertical padding kept tight so a receipt's 8–10 materials still fit on one sheet. */
export const PADDING: [number, number] = [3.5, 6];

export type Cell = PDFKit.Mixins.CellOptions;

export const label = (text: string): Cell => ({
  text,
  backgroundColor: LABEL_BG,
  font: { src: FONT.regular, size: 10 },
  align: { x: 'center', y: 'center' },
});
export const value = (text: string, extra: Partial<Cell> = {}): Cell => ({
  text,
  font: { src: FONT.regular, size: 10.5 },
  align: { x: 'left', y: 'center' },
  ...extra,
});
export const centred = (text: string, extra: Partial<Cell> = {}): Cell => value(text, { align: { x: 'center', y: 'center' }, ...extra });
export const strong = (text: string, extra: Partial<Cell> = {}): Cell => value(text, { font: { src: FONT.bold, size: 11 }, ...extra });
export const section = (text: string, colSpan: number): Cell => ({
  text,
  colSpan,
  backgroundColor: SECTION_BG,
  font: { src: FONT.bold, size: 10.5 },
  align: { x: 'left', y: 'center' },
});
export const head = (text: string): Cell => ({
  text,
  backgroundColor: LABEL_BG,
  font: { src: FONT.bold, size: 10 },
  align: { x: 'center', y: 'center' },
});

/** A bordered table across the content width starting at y; returns the y under it. */
export function table(doc: PdfDoc, y: number, columns: number[], data: Cell[][], padding: [number, number] = PADDING): number {
  doc.table({
    position: { x: A4_MARGIN, y },
    maxWidth: CONTENT_WIDTH,
    columnStyles: columns,
    defaultStyle: { border: BORDER, borderColor: '#000000', padding },
    data,
  });
  return doc.y;
}

/**
 * Starts a new page when `needed` points do not fit below y; the page's 'pageAdded' listeners draw its
 * continuation header. Returns where to draw.
 */
export function ensureSpace(doc: PdfDoc, y: number, needed: number, bottom = A4_BOTTOM): number {
  if (y + needed <= bottom) return y;
  doc.addPage();
  return doc.y;
}

/**
 * The small right-aligned line at the top of every page after the first, e.g. '受理回执（续页）  受理编号：…',
 * so a loose sheet can be matched. Call it from a 'pageAdded' listener.
 */
export function continuationHeader(doc: PdfDoc, text: string): void {
  // Keep the caller's font: pdfkit's table goes on drawing cells right after the page break.
  const { x, y } = doc;
  doc.save();
  doc.font(FONT.regular).fontSize(9).fillColor('#000000');
  doc.text(text, A4_MARGIN, A4_MARGIN, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
  doc.restore();
  doc.x = x;
  doc.y = Math.max(y, A4_MARGINS.top);
}

/** A boxed mark such as 补打, like a rubber stamp. */
export function drawStamp(doc: PdfDoc, text: string, x: number, y: number): void {
  const w = 60;
  const h = 26;
  doc.save().lineWidth(1.5).rect(x, y, w, h).stroke('#000000').restore();
  doc
    .font(FONT.bold)
    .fontSize(14)
    .fillColor('#000000')
    .text(text, x, y + 3, { width: w, align: 'center', characterSpacing: 4 });
}

/** A bordered box with a bold title and short lines under it (温馨提示 and the like); moves to a new page whole. */
export function noticeBox(doc: PdfDoc, top: number, title: string, lines: string[], bottom = A4_BOTTOM, bodySize = 9.5): number {
  const pad = 8;
  const innerW = CONTENT_WIDTH - 2 * pad;
  const opts = { width: innerW, lineGap: 1 };
  doc.font(FONT.bold).fontSize(10.5);
  const titleH = doc.heightOfString(title, opts);
  doc.font(FONT.regular).fontSize(bodySize);
  const bodyH = lines.reduce((h, l) => h + doc.heightOfString(l, opts) + 1, 0);
  const boxH = pad + titleH + 2 + bodyH + pad;
  const y = ensureSpace(doc, top, boxH, bottom);
  doc.save().lineWidth(BORDER).rect(A4_MARGIN, y, CONTENT_WIDTH, boxH).stroke('#000000').restore();
  doc
    .font(FONT.bold)
    .fontSize(10.5)
    .fillColor('#000000')
    .text(title, A4_MARGIN + pad, y + pad, opts);
  let ly = doc.y + 2;
  doc.font(FONT.regular).fontSize(bodySize);
  for (const l of lines) {
    doc.text(l, A4_MARGIN + pad, ly, opts);
    ly = doc.y + 1;
  }
  return y + boxH;
}

/**
 * A label such as '受理编号：' in body size followed by the number in large bold, centred together on one
 * baseline (shrunk to fit maxWidth). Returns the y under it.
 */
export function numberLine(doc: PdfDoc, labelText: string, receiptNo: string, y: number, maxWidth: number): number {
  const labelSize = 11;
  let numberSize = 17;
  const labelW = doc.font(FONT.regular).fontSize(labelSize).widthOfString(labelText);
  doc.font(FONT.bold);
  while (numberSize > 10 && doc.fontSize(numberSize).widthOfString(receiptNo) > maxWidth - labelW) numberSize -= 0.5;
  const numberW = doc.fontSize(numberSize).widthOfString(receiptNo);
  const x = A4_MARGIN + (CONTENT_WIDTH - labelW - numberW) / 2;
  // Both on one baseline, placed a line of the large size below y.
  const lineH = doc.font(FONT.bold).fontSize(numberSize).currentLineHeight();
  const baseline = y + lineH * 0.8;
  doc.font(FONT.regular).fontSize(labelSize).text(labelText, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
  doc
    .font(FONT.bold)
    .fontSize(numberSize)
    .text(receiptNo, x + labelW, baseline, { lineBreak: false, baseline: 'alphabetic' });
  return y + lineH + 10;
}
