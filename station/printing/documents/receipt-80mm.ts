import { drawQrCode, MM, type PdfDoc } from '../pdf/pdf-document';
import type { ReceiptText } from './receipt-content';
import {
  centeredBoxBlock,
  fieldBlock,
  fittedLineBlock,
  layoutRoll,
  ruleBlock,
  spacerBlock,
  textBlock,
  twoColumnBlock,
  type RollBlock,
} from '../pdf/roll-layout';

/** The 受理回执 on 80 mm thermal paper: one narrow column, page as tall as the content. */

const BODY = 8.5;
const LABEL_WIDTH = 50;
const QR_SIZE = 30 * MM;

export function drawReceipt80mm(doc: PdfDoc, t: ReceiptText): void {
  const field = (label: string, value: string, bold = false): RollBlock => fieldBlock(label, value, { size: BODY, labelWidth: LABEL_WIDTH, bold, after: 2 });

  const blocks: RollBlock[] = [textBlock(t.title, { bold: true, size: 16, align: 'center', characterSpacing: 4, after: 2 })];
  if (t.reprintMark) blocks.push(textBlock(`【${t.reprintMark}】`, { bold: true, size: 11, align: 'center', after: 2 }));
  blocks.push(
    textBlock(t.servicePoint, { size: 9, align: 'center', lineGap: 1, after: 1 }),
    textBlock(`行政区划代码 ${t.divisionCode}`, { size: 7.5, align: 'center' }),
    ruleBlock({ dashed: false, space: 5 }),
    textBlock('受理编号', { size: 8, align: 'center', after: 1 }),
    fittedLineBlock(t.receiptNo, { bold: true, size: 15, minSize: 9, align: 'center' }),
    ruleBlock(),
    field('事项名称：', t.itemName, true),
    field('主管部门：', t.department),
    field('申 请 人：', t.applicantName),
    field('身份证号：', t.idNumberMasked),
  );
  if (t.applicantPhone) blocks.push(field('联系电话：', t.applicantPhone));
  blocks.push(
    ruleBlock(),
    textBlock(`已收材料（共${t.materials.length}项）`, { bold: true, size: BODY, after: 3 }),
    ...t.materials.map((m) => twoColumnBlock(`${m.no}. ${m.name}`, `${m.form} ${m.count}`, { size: BODY - 0.5, after: 2.5 })),
    ruleBlock(),
    field('受理时间：', t.acceptedAt),
    field('承诺时限：', t.promised),
    field('预计办结：', t.dueDate, true),
    field('代 办 员：', t.cadre),
  );
  if (t.reprintLine) blocks.push(textBlock(t.reprintLine, { size: BODY - 0.5, after: 2 }));
  blocks.push(
    ruleBlock(),
    spacerBlock(2),
    centeredBoxBlock(QR_SIZE, 2, (d, x, y) => drawQrCode(d, t.code, { x, y, size: QR_SIZE })),
    textBlock(`申请编号 ${t.applicationId}`, { size: 6, align: 'center', after: 2 }),
    ruleBlock(),
    textBlock('温馨提示', { bold: true, size: 8, after: 1 }),
    ...t.notices.map((n, i) => textBlock(`${i + 1}. ${n}`, { size: 7.5, lineGap: 1, after: 1.5 })),
  );
  layoutRoll(doc, blocks);
}
