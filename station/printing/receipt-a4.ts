import { A4_SIZE, drawQrCode, FONT, MM, type PdfDoc } from './pdf-document';
import type { ReceiptText } from './receipt-content';

/** The 受理回执 on A4: a form with bordered tables, a notice box, QR code and signature/stamp area. */

export const A4_MARGIN = 20 * MM;
/** Room above a continuation page's content for its header line. */
const CONTINUATION_HEADER = 20;
/**
 * Page margins for the document. The top one leaves room for the continuation header, because pdfkit's
 * table continues its rows at the top margin of a new page; the first page places everything itself,
 * starting at A4_MARGIN.
 */
export const A4_MARGINS = { top: A4_MARGIN + CONTINUATION_HEADER, bottom: A4_MARGIN, left: A4_MARGIN, right: A4_MARGIN };

const CONTENT_WIDTH = A4_SIZE[0] - 2 * A4_MARGIN;
const BORDER = 0.7;
const LABEL_BG = '#eeeeee';
const SECTION_BG = '#d9d9d9';
/** Vertical padding kept tight so a typical item's 8–10 materials still fit on one sheet. */
const PADDING: [number, number] = [3.5, 6];

type Cell = PDFKit.Mixins.CellOptions;

const label = (text: string): Cell => ({
  text,
  backgroundColor: LABEL_BG,
  font: { src: FONT.regular, size: 10 },
  align: { x: 'center', y: 'center' },
});
const value = (text: string, extra: Partial<Cell> = {}): Cell => ({
  text,
  font: { src: FONT.regular, size: 10.5 },
  align: { x: 'left', y: 'center' },
  ...extra,
});
const strong = (text: string, extra: Partial<Cell> = {}): Cell =>
  value(text, { font: { src: FONT.bold, size: 11 }, ...extra });
const section = (text: string, colSpan: number): Cell => ({
  text,
  colSpan,
  backgroundColor: SECTION_BG,
  font: { src: FONT.bold, size: 10.5 },
  align: { x: 'left', y: 'center' },
});
const head = (text: string): Cell => ({
  text,
  backgroundColor: LABEL_BG,
  font: { src: FONT.bold, size: 10 },
  align: { x: 'center', y: 'center' },
});

function table(doc: PdfDoc, y: number, columns: number[], data: Cell[][]): number {
  doc.table({
    position: { x: A4_MARGIN, y },
    maxWidth: CONTENT_WIDTH,
    columnStyles: columns,
    defaultStyle: { border: BORDER, borderColor: '#000000', padding: PADDING },
    data,
  });
  return doc.y;
}

export function drawReceiptA4(doc: PdfDoc, t: ReceiptText): void {
  const left = A4_MARGIN;
  let y = A4_MARGIN;
  doc.on('pageAdded', () => continuationHeader(doc, t));

  // Header: reprint stamp on the left, title and receipt number in the middle, QR code on the right,
  // so the bottom of the page is left to the materials (a dozen fit on one sheet).
  const qrSize = 22 * MM;
  drawQrCode(doc, t.applicationId, { x: left + CONTENT_WIDTH - qrSize, y, size: qrSize, quietZone: 1 });
  doc.font(FONT.regular).fontSize(7.5).fillColor('#000000');
  doc.text('扫码查询', left + CONTENT_WIDTH - qrSize, y + qrSize + 1, { width: qrSize, align: 'center' });
  if (t.reprintMark) drawStamp(doc, t.reprintMark, left, y + 2);
  doc.font(FONT.bold).fontSize(24).fillColor('#000000');
  doc.text(t.title, left, y + 4, { width: CONTENT_WIDTH, align: 'center', characterSpacing: 10 });
  y = doc.y + 6;
  y = receiptNumberLine(doc, t.receiptNo, y, CONTENT_WIDTH - 2 * (qrSize + 8));
  y = Math.max(y, A4_MARGIN + qrSize + 14);

  // Application and applicant.
  const labelW = 88;
  const valueW = CONTENT_WIDTH / 2 - labelW;
  y = table(doc, y, [labelW, valueW, labelW, valueW], [
    [section('一、受理事项', 4)],
    [label('事项名称'), strong(t.itemName, { colSpan: 3 })],
    [label('事项编码'), value(t.itemCode), label('主管部门'), value(t.department)],
    [label('代办点'), value(t.servicePoint, { colSpan: 3 })],
    [label('行政区划代码'), value(t.divisionCode), label('代办员'), value(t.cadre)],
    [section('二、申请人', 4)],
    [label('姓名'), strong(t.applicantName), label('身份证号'), value(t.idNumberMasked)],
    [label('联系电话'), value(t.applicantPhone ?? '—'), label('受理时间'), value(t.acceptedAt)],
    [label('承诺办结时限'), value(t.promised), label('预计办结日期'), strong(t.dueDate)],
  ]);

  // Materials received.
  y += 8;
  const noW = 44;
  const formW = 96;
  const countW = 56;
  y = table(doc, y, [noW, CONTENT_WIDTH - noW - formW - countW, formW, countW], [
    [section(`三、已收申请材料（共${t.materials.length}项）`, 4)],
    [head('序号'), head('材料名称'), head('材料形式'), head('份数')],
    ...t.materials.map((m) => [
      value(String(m.no), { align: { x: 'center', y: 'center' } }),
      value(m.name),
      value(m.form, { align: { x: 'center', y: 'center' } }),
      value(m.count, { align: { x: 'center', y: 'center' } }),
    ]),
  ]);

  // Notices.
  y += 8;
  y = noticeBox(doc, y, t);

  // Signature on the left, stamp and date on the right, the application id in small print below.
  y = ensureSpace(doc, y + 6, 76);
  const halfW = CONTENT_WIDTH / 2;
  const signX = left + halfW;
  doc.font(FONT.regular).fontSize(11).fillColor('#000000');
  doc.text(`代办员（签字）：${t.cadre}`, left, y + 6, { width: halfW - 10 });
  doc.text('受理单位（盖章）：', signX, y + 6, { width: halfW });
  doc.fontSize(9).text(t.servicePoint, signX, y + 24, { width: halfW });
  doc.fontSize(11).text(t.acceptedDate, signX, y + 46, { width: halfW - 20, align: 'right' });
  if (t.reprintLine) doc.fontSize(9).text(t.reprintLine, signX, doc.y + 4, { width: halfW - 20, align: 'right' });
  doc.fontSize(7.5).text(`申请编号：${t.applicationId}`, left, Math.max(doc.y, y + 62) + 4, { width: CONTENT_WIDTH });
}

/** '受理编号：' in body size followed by the number in large bold, centred together on one baseline. */
function receiptNumberLine(doc: PdfDoc, receiptNo: string, y: number, maxWidth: number): number {
  const labelText = '受理编号：';
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
  doc.font(FONT.bold).fontSize(numberSize).text(receiptNo, x + labelW, baseline, { lineBreak: false, baseline: 'alphabetic' });
  return y + lineH + 10;
}

/**
 * Starts a new page when `needed` points do not fit below y (a very long material list); the new page
 * repeats the receipt number so a loose sheet can be matched. Returns where to draw.
 */
function ensureSpace(doc: PdfDoc, y: number, needed: number): number {
  if (y + needed <= doc.page.height - A4_MARGIN) return y;
  doc.addPage();
  return doc.y;
}

/** Every page after the first (a table running over, or ensureSpace) starts with this line. */
function continuationHeader(doc: PdfDoc, t: ReceiptText): void {
  // Keep the caller's font: pdfkit's table goes on drawing cells right after the page break.
  const { x, y } = doc;
  doc.save();
  doc.font(FONT.regular).fontSize(9).fillColor('#000000');
  doc.text(`${t.title}（续页）  受理编号：${t.receiptNo}`, A4_MARGIN, A4_MARGIN, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
  doc.restore();
  doc.x = x;
  doc.y = Math.max(y, A4_MARGINS.top);
}

function noticeBox(doc: PdfDoc, top: number, t: ReceiptText): number {
  const notices = t.notices;
  const pad = 8;
  const innerW = CONTENT_WIDTH - 2 * pad;
  const opts = { width: innerW, lineGap: 1 };
  doc.font(FONT.bold).fontSize(10.5);
  const titleH = doc.heightOfString('温馨提示', opts);
  doc.font(FONT.regular).fontSize(9.5);
  const lines = notices.map((n, i) => `${i + 1}. ${n}`);
  const bodyH = lines.reduce((h, l) => h + doc.heightOfString(l, opts) + 1, 0);
  const boxH = pad + titleH + 2 + bodyH + pad;
  const y = ensureSpace(doc, top, boxH);
  doc.save().lineWidth(BORDER).rect(A4_MARGIN, y, CONTENT_WIDTH, boxH).stroke('#000000').restore();
  doc.font(FONT.bold).fontSize(10.5).fillColor('#000000').text('温馨提示', A4_MARGIN + pad, y + pad, opts);
  let ly = doc.y + 2;
  doc.font(FONT.regular).fontSize(9.5);
  for (const l of lines) {
    doc.text(l, A4_MARGIN + pad, ly, opts);
    ly = doc.y + 1;
  }
  return y + boxH;
}

/** A boxed 补打 mark in the top-right corner, like a rubber stamp. */
function drawStamp(doc: PdfDoc, text: string, x: number, y: number): void {
  const w = 60;
  const h = 26;
  doc.save().lineWidth(1.5).rect(x, y, w, h).stroke('#000000').restore();
  doc.font(FONT.bold).fontSize(14).fillColor('#000000').text(text, x, y + 3, { width: w, align: 'center', characterSpacing: 4 });
}
