import { A4_MARGIN, type Cell, CONTENT_WIDTH, centred, head, label, noticeBox, strong, table, value } from '../pdf/a4-layout';
import { formatShanghaiDate } from '../pdf/cn-format';
import { FONT, type PdfDoc } from '../pdf/pdf-document';
import type { ServicePointInfo } from './document-data';
import { DOC_BOTTOM, issuerBlock, paperId, paragraph, renderA4Document, repeatingTable, title } from './layout';

/**
 * 一次性告知单 at the counter: the resident came without every required paper. The draft stays on the terminal;
 * this page lists, all at once, what to bring back (the "最多跑一次" rule), with the item's conditions.
 */
export const INTAKE_NOTICE_TITLE = '一次性告知单';

export interface IntakeNoticeData {
  applicationId: string;
  servicePoint: ServicePointInfo;
  item: { name: string; department: string; conditions: string[] };
  applicant: { name: string; idNumberMasked: string };
  /** The required materials not yet received: name, 原件/复印件, copies, the catalog's note. */
  missing: { name: string; form: string; count: number; note?: string }[];
  cadre: { name: string };
  issuedAt: string;
}

export function renderIntakeNoticePdf(n: IntakeNoticeData): Promise<Buffer> {
  return renderA4Document(
    {
      info: { title: `${INTAKE_NOTICE_TITLE} ${n.item.name}`, subject: `${n.item.name} 需补齐的材料`, author: n.servicePoint.name, keywords: '一次性告知单' },
      continuation: `${INTAKE_NOTICE_TITLE}（续页）  ${n.item.name}`,
      failure: `生成${INTAKE_NOTICE_TITLE}时出错`,
      details: { applicationId: n.applicationId },
    },
    (doc) => draw(doc, n),
  );
}

function draw(doc: PdfDoc, n: IntakeNoticeData): void {
  let y = title(doc, INTAKE_NOTICE_TITLE, A4_MARGIN, A4_MARGIN + 6, CONTENT_WIDTH) + 10;
  const half = CONTENT_WIDTH / 2 - 78;
  y = table(
    doc,
    y,
    [78, half, 78, half],
    [
      [label('申请人'), strong(n.applicant.name), label('身份证号'), value(paperId(n.applicant.idNumberMasked))],
      [label('申请事项'), strong(n.item.name, { colSpan: 3 })],
      [label('主管部门'), value(n.item.department), label('告知日期'), value(formatShanghaiDate(n.issuedAt))],
    ],
  );
  y = paragraph(doc, `${n.applicant.name}：`, y + 10, { indent: false, bold: true });
  y = paragraph(
    doc,
    `您申请办理的“${n.item.name}”，还缺少以下${n.missing.length}项申请材料。本单一次性告知全部所需材料，请带齐后再来办理；` +
      '您已填写的申请内容保存在本代办点，带齐材料后无需重新填写。',
    y + 4,
  );
  const small = { font: { src: FONT.regular, size: 10 } };
  y = repeatingTable(doc, y + 8, {
    columns: [36, 200, 90, 50, CONTENT_WIDTH - 376],
    head: [head('序号'), head('需带来的材料'), head('原件/复印件'), head('份数'), head('说明')],
    rows: n.missing.map((m, i): Cell[] => [
      centred(String(i + 1), small),
      value(m.name, small),
      centred(m.form, small),
      centred(String(m.count), small),
      value(m.note ?? '', small),
    ]),
    padding: [5, 6],
  });
  y = noticeBox(
    doc,
    y + 8,
    '受理条件（请核对是否符合）',
    n.item.conditions.map((c, i) => `${i + 1}. ${c}`),
    DOC_BOTTOM,
  );
  y = paragraph(doc, `如有疑问，请咨询${n.servicePoint.name}代办员${n.cadre.name}${n.servicePoint.phone ? `（电话：${n.servicePoint.phone}）` : ''}。`, y + 6);
  issuerBlock(doc, y + 4, { servicePoint: n.servicePoint.name, date: formatShanghaiDate(n.issuedAt) }, ['申请人签收：', '签收日期：']);
}
