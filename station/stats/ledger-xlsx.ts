import ExcelJS from 'exceljs';
import { shanghaiDate, shanghaiDateTime } from '../../core/calendar';
import { ACTION_LABEL, APPLICATION_STATUSES, STATUS_LABEL } from '../../core/lifecycle';
import type { StatsReport } from '../../core/api/views';
import { timelinessLabel, type LedgerRow } from '../../core/stats/ledger';

/** Sheet names and heads: the reader is a township clerk with Excel or WPS, so all of it is Chinese. */
export const LEDGER_SHEET = '台账';
export const STATS_SHEET = '统计';

/**
 * The ledger as a workbook (exceljs): 台账 with one row per application, and 统计 with the same figures as the
 * statistics screen (they come from the same rows). Dates are text as a person reads them (Asia/Shanghai), so
 * no spreadsheet shifts them by a time zone.
 */
export async function ledgerWorkbook(o: { servicePoint: string; report: StatsReport; rows: LedgerRow[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = o.servicePoint;
  wb.created = new Date();
  const ledger = wb.addWorksheet(LEDGER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ledger.columns = [
    { header: '序号', key: 'no', width: 6 },
    { header: '受理编号', key: 'receiptNo', width: 30 },
    { header: '村', key: 'village', width: 12 },
    { header: '申请人', key: 'applicant', width: 10 },
    { header: '事项', key: 'item', width: 28 },
    { header: '受理时间', key: 'submitted', width: 17 },
    { header: '承诺办结日', key: 'due', width: 12 },
    { header: '状态', key: 'status', width: 10 },
    { header: '审核决定', key: 'decision', width: 10 },
    { header: '审核日期', key: 'decided', width: 12 },
    { header: '审核人', key: 'reviewer', width: 10 },
    { header: '办理工作日', key: 'days', width: 11 },
    { header: '是否按期', key: 'onTime', width: 9 },
  ];
  o.rows.forEach((r, i) =>
    ledger.addRow({
      no: i + 1,
      receiptNo: r.receiptNo,
      village: r.villageName ?? r.villageCode,
      applicant: r.applicantName,
      item: r.itemName,
      submitted: shanghaiDateTime(r.submittedAt),
      due: r.dueDate,
      status: STATUS_LABEL[r.status],
      decision: r.decision ? ACTION_LABEL[r.decision] : '',
      decided: r.decidedAt ? shanghaiDate(r.decidedAt) : '',
      reviewer: r.reviewerName ?? '',
      days: r.workingDays ?? '',
      onTime: timelinessLabel(r),
    }),
  );
  ledger.getRow(1).font = { bold: true };

  const stats = wb.addWorksheet(STATS_SHEET);
  stats.columns = [
    { key: 'a', width: 30 },
    { key: 'b', width: 14 },
    { key: 'c', width: 14 },
    { key: 'd', width: 14 },
  ];
  const r = o.report;
  const block = (title: string, head: string[], lines: (string | number)[][]) => {
    stats.addRow([title]).font = { bold: true };
    stats.addRow(head).font = { bold: true };
    for (const l of lines) stats.addRow(l);
    stats.addRow([]);
  };
  block(
    `${o.servicePoint} 统计（${r.from} 至 ${r.to}）`,
    ['项目', '数值'],
    [
      ['申请总数', r.total],
      ['已作出审核决定', r.decided],
      ['其中按期', r.onTime],
      ['平均办理时间（工作日）', r.avgHandlingWorkingDays ?? '—'],
      ['超期未办结', r.overdue.length],
    ],
  );
  block(
    '按事项',
    ['事项', '件数'],
    r.byItem.map((i) => [i.itemName, i.count]),
  );
  block(
    '按村',
    ['村', '件数'],
    r.byVillage.map((v) => [v.villageName ?? v.villageCode, v.count]),
  );
  block(
    '按状态',
    ['状态', '件数'],
    APPLICATION_STATUSES.filter((s) => (r.byStatus[s] ?? 0) > 0).map((s) => [STATUS_LABEL[s], r.byStatus[s] ?? 0]),
  );
  block(
    r.trend.granularity === 'month' ? '按月趋势' : '按周趋势',
    ['期间', '受理', '审核决定', '按期'],
    r.trend.points.map((p) => [p.label, p.submitted, p.decided, p.onTime]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
