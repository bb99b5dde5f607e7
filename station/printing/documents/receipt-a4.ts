import {
  A4_MARGIN,
  CONTENT_WIDTH,
  continuationHeader,
  drawStamp,
  ensureSpace,
  head,
  label,
  noticeBox,
  numberLine,
  section,
  strong,
  table,
  value,
} from '../pdf/a4-layout';
import { drawQrCode, FONT, MM, type PdfDoc } from '../pdf/pdf-document';
import type { ReceiptText } from './receipt-content';

/** The 受理回执 on A4: a form with bordered tables, a notice box, QR code and signature/stamp area. */

export function drawReceiptA4(doc: PdfDoc, t: ReceiptText): void {
  const left = A4_MARGIN;
  let y = A4_MARGIN;
  doc.on('pageAdded', () => continuationHeader(doc, `${t.title}（续页）  受理编号：${t.receiptNo}`));

  // Header: reprint stamp on the left, title and receipt number in the middle, QR code on the right,
  // so the bottom of the page is left to the materials (a dozen fit on one sheet).
  const qrSize = 22 * MM;
  drawQrCode(doc, t.code, { x: left + CONTENT_WIDTH - qrSize, y, size: qrSize, quietZone: 1 });
  doc.font(FONT.regular).fontSize(7.5).fillColor('#000000');
  doc.text('扫码查询', left + CONTENT_WIDTH - qrSize, y + qrSize + 1, { width: qrSize, align: 'center' });
  if (t.reprintMark) drawStamp(doc, t.reprintMark, left, y + 2);
  doc.font(FONT.bold).fontSize(24).fillColor('#000000');
  doc.text(t.title, left, y + 4, { width: CONTENT_WIDTH, align: 'center', characterSpacing: 10 });
  y = doc.y + 6;
  y = numberLine(doc, '受理编号：', t.receiptNo, y, CONTENT_WIDTH - 2 * (qrSize + 8));
  y = Math.max(y, A4_MARGIN + qrSize + 14);

  // Application and applicant.
  const labelW = 88;
  const valueW = CONTENT_WIDTH / 2 - labelW;
  y = table(
    doc,
    y,
    [labelW, valueW, labelW, valueW],
    [
      [section('一、受理事项', 4)],
      [label('事项名称'), strong(t.itemName, { colSpan: 3 })],
      [label('事项编码'), value(t.itemCode), label('主管部门'), value(t.department)],
      [label('代办点'), value(t.servicePoint, { colSpan: 3 })],
      [label('行政区划代码'), value(t.divisionCode), label('代办员'), value(t.cadre)],
      [section('二、申请人', 4)],
      [label('姓名'), strong(t.applicantName), label('身份证号'), value(t.idNumberMasked)],
      [label('联系电话'), value(t.applicantPhone ?? '—'), label('受理时间'), value(t.acceptedAt)],
      [label('承诺办结时限'), value(t.promised), label('预计办结日期'), strong(t.dueDate)],
    ],
  );

  // Materials received.
  y += 8;
  const noW = 44;
  const formW = 96;
  const countW = 56;
  y = table(
    doc,
    y,
    [noW, CONTENT_WIDTH - noW - formW - countW, formW, countW],
    [
      [section(`三、已收申请材料（共${t.materials.length}项）`, 4)],
      [head('序号'), head('材料名称'), head('材料形式'), head('份数')],
      ...t.materials.map((m) => [
        value(String(m.no), { align: { x: 'center', y: 'center' } }),
        value(m.name),
        value(m.form, { align: { x: 'center', y: 'center' } }),
        value(m.count, { align: { x: 'center', y: 'center' } }),
      ]),
    ],
  );

  // Notices.
  y += 8;
  y = noticeBox(
    doc,
    y,
    '温馨提示',
    t.notices.map((n, i) => `${i + 1}. ${n}`),
  );

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
