import { label, noticeBox, strong } from '../pdf/a4-layout';
import { formatShanghaiDate } from '../pdf/cn-format';
import type { PdfDoc } from '../pdf/pdf-document';
import type { ResultNoticeData } from './document-data';
import { DOC_BOTTOM, paragraph, renderA4Document } from './layout';
import { applicationTable, contactOf, noticeDocumentSpec, noticeFooter, noticeHead, reviewOrgOf, salutation } from './notice-layout';

/** 办理结果通知书 on A4: the application was approved, or rejected with the reason and the resident's remedies. */

export const RESULT_NOTICE_TITLE = '办理结果通知书';

export const RESULT_LABEL = { approve: '予以通过', reject: '不予通过' } as const;

/** The resident's remedies against a rejection (行政复议法 / 行政诉讼法 time limits). */
export const REMEDIES = '如对本决定不服，可在收到本通知之日起六十日内申请行政复议，或者六个月内提起行政诉讼。';

export function renderResultNoticePdf(data: ResultNoticeData): Promise<Buffer> {
  return renderA4Document(
    noticeDocumentSpec(data, RESULT_NOTICE_TITLE, {
      subject: `${data.item.name} 办理结果通知书（${RESULT_LABEL[data.decision]}）`,
      keywords: `办理结果通知书, ${RESULT_LABEL[data.decision]}, ${data.receiptNo}`,
    }),
    (doc) => drawResultNotice(doc, data),
  );
}

function drawResultNotice(doc: PdfDoc, n: ResultNoticeData): void {
  let y = noticeHead(doc, n, RESULT_NOTICE_TITLE);
  y = applicationTable(doc, y, n, [[label('办理结果'), strong(RESULT_LABEL[n.decision], { colSpan: 3 })]]);

  y = salutation(doc, y + 10, n.applicant.name);
  const lead =
    `您于${formatShanghaiDate(n.submittedAt)}通过本代办点申请办理的“${n.item.name}”事项（受理编号：${n.receiptNo}），` +
    (n.county
      ? `经${reviewOrgOf(n)}审核${n.county.afterNotice ? '并公示' : ''}，报${n.county.agency}于${formatShanghaiDate(n.decidedAt)}审批，`
      : `经${reviewOrgOf(n)}于${formatShanghaiDate(n.decidedAt)}审核，`);

  if (n.decision === 'approve') {
    y = paragraph(doc, `${lead}符合规定条件，决定予以通过。`, y + 4);
    y = paragraph(
      doc,
      `后续事宜（如证照领取、待遇发放等）由${n.item.department}按规定办理，请留意相关通知。如有疑问，可凭受理编号到${contactOf(n)}咨询。`,
      y + 4,
    );
  } else {
    const reason = n.reason?.trim() || '（未注明理由，请向审核单位询问）';
    y = paragraph(doc, `${lead}决定不予通过。理由如下：`, y + 4);
    y = noticeBox(doc, y + 8, '不予通过的理由', [reason], DOC_BOTTOM, 10.5);
    y = paragraph(doc, REMEDIES, y + 10);
    y = paragraph(doc, `如您的情况发生变化、符合条件，可以重新提出申请。如有疑问，可凭受理编号到${contactOf(n)}咨询。`, y + 4);
  }

  y = paragraph(doc, '特此通知。', y + 6);
  noticeFooter(doc, y + 4, n);
}
