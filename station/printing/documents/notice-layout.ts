import { A4_MARGIN, type Cell, CONTENT_WIDTH, label, numberLine, strong, table, value } from '../pdf/a4-layout';
import { formatShanghaiDate } from '../pdf/cn-format';
import { drawQrCode, FONT, type PdfDoc } from '../pdf/pdf-document';
import type { NoticeBase } from './document-data';
import { type A4DocumentSpec, issuerBlock, paperId, paragraph, QR_SIZE, title } from './layout';

/**
 * What the 一次性告知书 and the 办理结果通知书 share: the head (title, receipt number, QR code of the
 * application id, as on the receipt), the table of the application, the salutation and the issuing block.
 */

/** The reviewing body when the terminal does not know the township's name. */
export const DEFAULT_REVIEW_ORG = '乡镇（街道）审核部门';

export const reviewOrgOf = (n: NoticeBase): string => n.reviewOrg?.trim() || DEFAULT_REVIEW_ORG;

/**
 * The document frame of a notice titled `titleText`: PDF properties naming the receipt number and the item,
 * the continuation line, the failure message and what is logged with it.
 */
export function noticeDocumentSpec(n: NoticeBase, titleText: string, about: { subject: string; keywords: string }): A4DocumentSpec {
  return {
    info: {
      title: `${titleText} ${n.receiptNo} ${n.item.name}`,
      subject: about.subject,
      author: n.servicePoint.name,
      keywords: about.keywords,
    },
    continuation: `${titleText}（续页）  受理编号：${n.receiptNo}`,
    failure: `生成${titleText}时出错`,
    details: { applicationId: n.applicationId, receiptNo: n.receiptNo },
  };
}

/** Title centred, the receipt number under it, the QR code at the top right; returns the y under them. */
export function noticeHead(doc: PdfDoc, n: NoticeBase, titleText: string): number {
  const top = A4_MARGIN;
  const qrX = A4_MARGIN + CONTENT_WIDTH - QR_SIZE;
  drawQrCode(doc, n.code, { x: qrX, y: top, size: QR_SIZE, quietZone: 1 });
  doc.font(FONT.regular).fontSize(7.5).fillColor('#000000');
  doc.text('扫码查询', qrX, top + QR_SIZE + 1, { width: QR_SIZE, align: 'center' });
  let y = title(doc, titleText, A4_MARGIN, top + 6, CONTENT_WIDTH) + 6;
  y = numberLine(doc, '受理编号：', n.receiptNo, y, CONTENT_WIDTH - 2 * (QR_SIZE + 8));
  return Math.max(y, top + QR_SIZE + 14);
}

/**
 * The application at a glance; `extra` rows (e.g. 办理结果) go at the end. The service point is named in the
 * text and under the stamp. Returns the y under it.
 */
export function applicationTable(doc: PdfDoc, y: number, n: NoticeBase, extra: Cell[][] = []): number {
  const labelW = 78;
  const valueW = CONTENT_WIDTH / 2 - labelW;
  const rows: Cell[][] = [
    [label('申请人'), strong(n.applicant.name), label('身份证号'), value(paperId(n.applicant.idNumberMasked))],
    [label('申请事项'), strong(n.item.name, { colSpan: 3 })],
    // A county's approval (县级审批) names the county body and its date; the township's review is in the text.
    n.county
      ? [label('主管部门'), value(n.item.department), label('审批单位'), value(n.county.agency)]
      : [label('主管部门'), value(n.item.department), label('审核单位'), value(reviewOrgOf(n))],
    [label('受理日期'), value(formatShanghaiDate(n.submittedAt)), label(n.county ? '审批日期' : '审核日期'), value(formatShanghaiDate(n.decidedAt))],
    ...extra,
  ];
  return table(doc, y, [labelW, valueW, labelW, valueW], rows);
}

/** '王秀兰：' on its own line, as a letter begins. */
export function salutation(doc: PdfDoc, y: number, name: string): number {
  return paragraph(doc, `${name}：`, y, { indent: false, bold: true });
}

/** How the resident can reach the service point, for the closing lines. */
export function contactOf(n: NoticeBase): string {
  return n.servicePoint.phone ? `${n.servicePoint.name}（联系电话：${n.servicePoint.phone}）` : n.servicePoint.name;
}

/** The resident signs for the notice on the left; the service point stamps and dates it on the right. */
export function noticeFooter(doc: PdfDoc, y: number, n: NoticeBase): number {
  return issuerBlock(doc, y, { servicePoint: n.servicePoint.name, date: formatShanghaiDate(n.issuedAt) }, ['申请人签收：', '签收日期：']);
}
