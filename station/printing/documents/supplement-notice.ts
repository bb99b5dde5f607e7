import { type Cell, CONTENT_WIDTH, centred, head, noticeBox, value } from '../pdf/a4-layout';
import { formatCnDate, formatShanghaiDate } from '../pdf/cn-format';
import { FONT, type PdfDoc } from '../pdf/pdf-document';
import type { SupplementNoticeData } from './document-data';
import { DOC_BOTTOM, paragraph, renderA4Document, repeatingTable } from './layout';
import { applicationTable, contactOf, noticeDocumentSpec, noticeFooter, noticeHead, reviewOrgOf, salutation } from './notice-layout';

/**
 * 一次性告知书 on A4: every material and field the resident must supplement, all listed at once, as
 * 《中华人民共和国行政许可法》第三十二条 requires of a return for supplement.
 */

export const SUPPLEMENT_NOTICE_TITLE = '一次性告知书';

const KIND_LABEL = { material: '材料', field: '填报信息' } as const;

export function renderSupplementNoticePdf(data: SupplementNoticeData): Promise<Buffer> {
  return renderA4Document(
    noticeDocumentSpec(data, SUPPLEMENT_NOTICE_TITLE, {
      subject: `${data.item.name} 补正材料一次性告知书`,
      keywords: `一次性告知书, 补正, ${data.receiptNo}`,
    }),
    (doc) => drawSupplementNotice(doc, data),
  );
}

function drawSupplementNotice(doc: PdfDoc, n: SupplementNoticeData): void {
  let y = noticeHead(doc, n, SUPPLEMENT_NOTICE_TITLE);
  y = applicationTable(doc, y, n);

  y = salutation(doc, y + 10, n.applicant.name);
  y = paragraph(
    doc,
    `您于${formatShanghaiDate(n.submittedAt)}通过本代办点申请办理的“${n.item.name}”事项（受理编号：${n.receiptNo}），` +
      `经${reviewOrgOf(n)}于${formatShanghaiDate(n.decidedAt)}审核，申请材料尚需补正。依据《中华人民共和国行政许可法》第三十二条的规定，` +
      `现将需要补正的全部内容（共${n.items.length}项）一次性告知如下：`,
    y + 4,
  );

  const small = { font: { src: FONT.regular, size: 10 } };
  y = repeatingTable(doc, y + 8, {
    columns: [36, 184, CONTENT_WIDTH - 36 - 184],
    head: [head('序号'), head('需补正的材料或信息'), head('存在的问题及补正要求')],
    rows: n.items.map((it, i): Cell[] => [centred(String(i + 1), small), value(`${it.label}（${KIND_LABEL[it.kind]}）`, small), value(it.problem, small)]),
    padding: [5, 6],
  });

  if (n.note?.trim()) y = paragraph(doc, `审核意见：${n.note.trim()}`, y + 8, { indent: false, size: 10.5 });
  y = paragraph(
    doc,
    `以上${n.items.length}项即为本次申请需要补正的全部内容，本告知书一次性告知，不再另行要求补正其他内容。` +
      '请您按上述要求一次性补齐，补正后本代办点将及时重新提交审核。补正期间不计入承诺办理时限，自补齐之日起继续计算。',
    y + 8,
  );

  const when = n.supplementBy
    ? `补正时间：请于${formatCnDate(n.supplementBy)}前，在工作日办公时间内前来办理。`
    : '补正时间：收到本告知书后，请在工作日办公时间内尽快前来办理。';
  y = noticeBox(
    doc,
    y + 8,
    '补正方式',
    [
      `1. 补正地点：${contactOf(n)}。`,
      `2. ${when}`,
      '3. 请携带：本告知书、受理回执及上述需要补正的材料。',
      `4. 补正期间，您的申请保留在本代办点，无需重新申请；如有疑问，请咨询代办员${n.cadre.name}。`,
    ],
    DOC_BOTTOM,
  );

  y = paragraph(doc, '特此告知。', y + 6);
  noticeFooter(doc, y + 4, n);
}
