import { shanghaiDate } from '../../../core/calendar';
import { ACTION_LABEL, STATUS_LABEL } from '../../../core/lifecycle';
import { timelinessLabel, type LedgerRow } from '../../../core/stats/ledger';
import { A4_MARGIN, type Cell, CONTENT_WIDTH, centred, head, value } from '../pdf/a4-layout';
import { formatShanghaiDate } from '../pdf/cn-format';
import { FONT, type PdfDoc } from '../pdf/pdf-document';
import { paragraph, renderA4Document, repeatingTable, title } from './layout';

/** What the printed 台账 shows: the service point, the period, the rows and their totals. */
export interface LedgerListData {
  servicePoint: string;
  from: string;
  to: string;
  rows: LedgerRow[];
  printedAt: string;
}

export const LEDGER_TITLE = '业务办理台账';

const COLUMNS = [20, 82, 44, 42, 82, 58, 44];
const LAST = CONTENT_WIDTH - COLUMNS.reduce((a, b) => a + b, 0);
const SIZE = 8;
const PADDING: [number, number] = [3, 3];

const decisionText = (r: LedgerRow) => (r.decidedAt && r.decision ? `${ACTION_LABEL[r.decision]} ${shanghaiDate(r.decidedAt)}\n${r.reviewerName ?? ''}` : '—');
/** The division code on its own line, so the number never breaks at a random hyphen. */
const receiptLines = (no: string) => no.replace(/^(\d{12}-)/, '$1\n');

/** 台账 on A4: one line per application, the head row on every page, totals under it. */
export function renderLedgerPdf(d: LedgerListData): Promise<Buffer> {
  return renderA4Document(
    {
      info: { title: `${LEDGER_TITLE} ${d.from}至${d.to}`, subject: `${d.servicePoint} ${LEDGER_TITLE}`, author: d.servicePoint, keywords: '台账' },
      continuation: `${LEDGER_TITLE}（续页）  ${d.from} 至 ${d.to}`,
      failure: '生成台账时出错',
      details: { from: d.from, to: d.to, rows: d.rows.length },
    },
    (doc) => drawLedger(doc, d),
  );
}

function drawLedger(doc: PdfDoc, d: LedgerListData): void {
  let y = title(doc, LEDGER_TITLE, A4_MARGIN, A4_MARGIN, CONTENT_WIDTH);
  doc
    .font(FONT.regular)
    .fontSize(10)
    .text(`${d.servicePoint}　统计期间：${d.from} 至 ${d.to}`, A4_MARGIN, y + 2, { width: CONTENT_WIDTH, align: 'center' });
  y = doc.y + 8;
  const cell = (text: string): Cell => value(text, { font: { src: FONT.regular, size: SIZE } });
  const mid = (text: string): Cell => centred(text, { font: { src: FONT.regular, size: SIZE } });
  y = repeatingTable(doc, y, {
    columns: [...COLUMNS, LAST],
    head: ['序号', '受理编号', '村', '申请人', '事项', '受理日期\n承诺办结', '状态', '审核决定'].map((t) => head(t)),
    rows: d.rows.map((r, i) => [
      mid(String(i + 1)),
      cell(receiptLines(r.receiptNo)),
      cell(r.villageName ?? r.villageCode),
      mid(r.applicantName),
      cell(r.itemName),
      mid(`${shanghaiDate(r.submittedAt)}\n${r.dueDate}`),
      mid(`${STATUS_LABEL[r.status]}\n${timelinessLabel(r)}`),
      cell(decisionText(r)),
    ]),
    padding: PADDING,
  });
  const decided = d.rows.filter((r) => r.onTime !== null);
  const late = decided.filter((r) => r.onTime === false).length;
  paragraph(
    doc,
    `合计：申请${d.rows.length}件，已作出审核决定${decided.length}件，其中按期${decided.length - late}件、超期${late}件。打印时间：${formatShanghaiDate(d.printedAt)}。`,
    y + 8,
    { indent: false, size: 9.5 },
  );
}
