import { A4_MARGIN, type Cell, CONTENT_WIDTH, centred, head, label, section, strong, table, value } from '../pdf/a4-layout';
import { formatShanghaiDateTime } from '../pdf/cn-format';
import { FONT, MM, type PdfDoc } from '../pdf/pdf-document';
import { code128Modules, drawCode128 } from './barcode';
import type { HandoverDocumentData, HandoverRow } from './document-data';
import { BODY_SIZE, paragraph, renderA4Document, repeatingTable, signatureArea, title } from './layout';

/**
 * 交接清单 on A4: the paper materials of a batch, carried from the village service point to the township.
 * A Code 128 barcode of the list number lets the township find the list by scanning; the table's head row
 * is repeated on every page of a long list, and every page names the list.
 */

export const HANDOVER_TITLE = '交接清单';

/** Module width aimed for (0.3 mm scans well on office laser printers), and the widest the barcode may get. */
const BAR_MODULE = 0.3 * MM;
const BAR_MAX_WIDTH = 78 * MM;
const BAR_HEIGHT = 13 * MM;

const COLUMNS = [28, 94, 50, 92, 160];
const NOTE_COLUMN = CONTENT_WIDTH - COLUMNS.reduce((a, b) => a + b, 0);
const ROW_PADDING: [number, number] = [4, 4];
const CELL_SIZE = 9.5;

export function renderHandoverPdf(data: HandoverDocumentData): Promise<Buffer> {
  return renderA4Document(
    {
      info: {
        title: `${HANDOVER_TITLE} ${data.listNo}`,
        subject: `${data.servicePoint.name} 纸质申请材料交接清单`,
        author: data.servicePoint.name,
        keywords: `交接清单, ${data.listNo}`,
      },
      continuation: `${HANDOVER_TITLE}（续页）  清单编号：${data.listNo}`,
      failure: '生成交接清单时出错',
      details: { listId: data.listId, listNo: data.listNo },
    },
    (doc) => drawHandover(doc, data),
  );
}

/** Papers counted on the list: the sum of every material's copies. */
export function handoverTotals(rows: HandoverRow[]): { applications: number; papers: number } {
  return { applications: rows.length, papers: rows.reduce((n, r) => n + r.materials.reduce((m, x) => m + x.count, 0), 0) };
}

function drawHandover(doc: PdfDoc, d: HandoverDocumentData): void {
  let y = A4_MARGIN;

  // Barcode at the top right, the list number under it; title and number on the left.
  const modules = code128Modules(d.listNo);
  const barWidth = Math.min(modules * BAR_MODULE, BAR_MAX_WIDTH);
  const quiet = 10 * (barWidth / modules);
  const barX = A4_MARGIN + CONTENT_WIDTH - barWidth - quiet;
  drawCode128(doc, d.listNo, { x: barX, y, width: barWidth, height: BAR_HEIGHT });
  doc.font(FONT.regular).fontSize(9).fillColor('#000000');
  doc.text(d.listNo, barX - quiet, y + BAR_HEIGHT + 2, { width: barWidth + 2 * quiet, align: 'center', characterSpacing: 0.5 });
  const barBottom = doc.y;

  const leftW = barX - quiet - A4_MARGIN - 6;
  y = title(doc, HANDOVER_TITLE, A4_MARGIN, y, leftW);
  doc.font(FONT.regular).fontSize(9.5).text('（村级代办点移交乡镇的纸质申请材料）', A4_MARGIN, y, { width: leftW, align: 'center' });
  y = labelledNumber(doc, '清单编号：', d.listNo, A4_MARGIN, doc.y + 4, leftW);
  y = Math.max(y, barBottom) + 10;

  // Who hands over to whom, and when.
  const { applications, papers } = handoverTotals(d.rows);
  const labelW = 78;
  const valueW = CONTENT_WIDTH / 2 - labelW;
  const info: Cell[][] = [
    [label('移交单位'), strong(d.servicePoint.name, { colSpan: 3 })],
    [label('区划代码'), value(d.servicePoint.divisionCode), label('制表时间'), value(formatShanghaiDateTime(d.createdAt))],
    [label('接收单位'), value(d.receiver ?? ''), label('代办员'), value(d.cadre.name)],
    [label('申请件数'), value(`${applications}件`), label('纸质材料'), value(`${papers}份`)],
  ];
  if (d.confirmation) {
    info.push([label('接收确认'), value(`${d.confirmation.reviewerName}已于${formatShanghaiDateTime(d.confirmation.confirmedAt)}确认接收`, { colSpan: 3 })]);
  }
  y = table(doc, y, [labelW, valueW, labelW, valueW], info);

  // The list itself.
  y += 8;
  y = table(doc, y, [CONTENT_WIDTH], [[section('交接明细', 1)]]);
  const cell = (text: string, extra: Partial<Cell> = {}): Cell => value(text, { font: { src: FONT.regular, size: CELL_SIZE }, ...extra });
  const mid = (text: string): Cell => centred(text, { font: { src: FONT.regular, size: CELL_SIZE } });
  y = repeatingTable(doc, y, {
    columns: [...COLUMNS, NOTE_COLUMN],
    head: ['序号', '受理编号', '申请人', '事项', '纸质材料', '备注'].map(head),
    rows: d.rows.map((r, i) => [
      mid(String(i + 1)),
      cell(receiptNoInCell(doc, r.receiptNo, COLUMNS[1]! - 2 * ROW_PADDING[1])),
      mid(r.applicantName),
      cell(r.itemName),
      cell(r.materials.map((m) => `${m.name}\u00a0×\u00a0${m.count}`).join('\n') || '—'),
      cell(r.note ?? ''),
    ]),
    padding: ROW_PADDING,
  });

  // Totals, the count both sides agree on, and the signatures.
  y = paragraph(doc, `合计：申请${applications}件，纸质材料${papers}份。`, y + 8, { indent: false, bold: true });
  y = paragraph(
    doc,
    '以上纸质材料由移交人与接收人当面清点，核对无误后双方签字；如有缺漏或不符，请接收人在“备注”栏注明。本清单一式两份，代办点与乡镇各留存一份。',
    y + 2,
    { size: 9.5, indent: false },
  );
  signatureArea(doc, y + 8, [['移交人（代办员）：'], ['接收人（乡镇）：'], ['日期：']]);
  doc.font(FONT.regular).fontSize(BODY_SIZE);
}

/** A receipt number too wide for its cell breaks after the division code, not at a random hyphen. */
function receiptNoInCell(doc: PdfDoc, receiptNo: string, width: number): string {
  doc.font(FONT.regular).fontSize(CELL_SIZE);
  if (doc.widthOfString(receiptNo) <= width) return receiptNo;
  const cut = receiptNo.indexOf('-');
  return cut > 0 ? `${receiptNo.slice(0, cut + 1)}\n${receiptNo.slice(cut + 1)}` : receiptNo;
}

/** 'label' regular and the number bold on one line, centred in [x, x + width]; returns the y under it. */
function labelledNumber(doc: PdfDoc, labelText: string, number: string, x: number, y: number, width: number): number {
  const labelW = doc.font(FONT.regular).fontSize(10.5).widthOfString(labelText);
  const numberW = doc.font(FONT.bold).fontSize(11).widthOfString(number);
  const left = x + Math.max(0, (width - labelW - numberW) / 2);
  doc.font(FONT.regular).fontSize(10.5).text(labelText, left, y, { lineBreak: false });
  doc
    .font(FONT.bold)
    .fontSize(11)
    .text(number, left + labelW, y - 0.5, { lineBreak: false });
  return y + doc.currentLineHeight() + 2;
}
