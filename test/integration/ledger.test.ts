import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { LEDGER_SHEET, STATS_SHEET } from '../../station/stats/ledger-xlsx';
import { refused } from '../helpers/refusals';
import { syncOk, villageAndTownship, type VillageAndTownship } from '../helpers/review';
import { manualClock } from '../helpers/station';
import { submitApplication, type SyncTestStation } from '../helpers/sync';
import { requireTools, runTool } from '../helpers/system-tools';

/**
 * Issue #15, the ledger: the statistics, the exported .xlsx (read back with exceljs and with a second reader,
 * openpyxl) and the printed A4 list hold the same figures, because they come from the same rows.
 */

requireTools('pdftotext');
const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';

let village: SyncTestStation;
let township: SyncTestStation;
let fleet: VillageAndTownship | undefined;
const clock = manualClock('2026-11-02T02:00:00.000Z'); // a Monday
const dir = mkdtempSync(join(tmpdir(), 'daiban-ledger-'));

before(async () => {
  fleet = await villageAndTownship({ clock, divisions: true, delegated: true });
  ({ village, township } = fleet);
});
after(async () => {
  await fleet?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every cell of every sheet as text, row by row, as exceljs reads the file. */
async function readWithExcelJs(file: Buffer): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as never);
  const out: Record<string, string[][]> = {};
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const v = row.getCell(c).value;
        cells.push(v === null || v === undefined ? '' : String(v));
      }
      rows.push(cells);
    });
    out[ws.name] = rows;
  });
  return out;
}

/** The same, read by openpyxl (Debian's python3-openpyxl): a second, independent reader of the file. */
async function readWithOpenpyxl(path: string): Promise<Record<string, string[][]>> {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({ws.title: [["" if c is None else (str(int(c)) if isinstance(c, float) and c.is_integer() else str(c)) for c in row] for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}, ensure_ascii=False))`;
  const { stdout } = await run(PYTHON, ['-c', script, path]);
  return JSON.parse(stdout) as Record<string, string[][]>;
}

test('the exported ledger holds the statistics screen’s figures, read by two readers; the printed list agrees', async () => {
  const v = village.station;
  const t = township.station;
  // Three weeks of a village: six applications, four decided (one late), one still open, one withdrawn.
  const apps = [];
  for (const [i, day] of ['2026-11-02', '2026-11-03', '2026-11-10', '2026-11-11', '2026-11-17', '2026-11-18'].entries()) {
    clock.set(`${day}T02:00:00.000Z`);
    apps.push(await submitApplication(v, 300 + i));
  }
  await syncOk(village);
  await syncOk(township);
  clock.set('2026-11-20T02:00:00.000Z');
  await t.call('review.decideMany', { applicationIds: [apps[0]!.id, apps[2]!.id, apps[3]!.id], decision: 'approve' });
  await v.call('applications.withdraw', { id: apps[5]!.id, reason: '申请人已迁出本村' });
  clock.set('2026-12-30T02:00:00.000Z'); // past the first one's promised date
  await t.call('review.decide', { applicationId: apps[1]!.id, decision: 'reject', reason: '家庭收入超过当地低保标准' });
  await syncOk(township);
  await syncOk(village);
  await syncOk(township);

  const period = { from: '2026-11-01', to: '2026-12-31' };
  const report = await t.call('stats.report', { ...period, granularity: 'week' });
  assert.deepEqual([report.total, report.decided, report.onTime], [6, 4, 3]);
  assert.deepEqual(
    report.byVillage.map((b) => [b.villageName, b.count]),
    [['华屋村', 6]],
  );
  assert.ok(report.trend.points.length >= 9, 'every week from the first submission to the last decision');
  assert.equal(
    report.trend.points.reduce((n, p) => n + p.submitted, 0),
    6,
  );
  assert.equal(report.trend.points.find((p) => p.key === '2026-11-09')?.submitted, 2);

  // Export, then read the file back with exceljs and with openpyxl.
  const exported = await t.call('stats.exportLedger', period);
  assert.equal(exported.fileName, '台账-2026-11-01至2026-12-31.xlsx');
  const file = Buffer.from(exported.xlsxBase64, 'base64');
  const path = join(dir, exported.fileName);
  writeFileSync(path, file);
  const byExcelJs = await readWithExcelJs(file);
  const byOpenpyxl = await readWithOpenpyxl(path);
  for (const sheet of [LEDGER_SHEET, STATS_SHEET]) {
    const trim = (rows: string[][]) => rows.map((r) => r.join('\t').replace(/\t+$/, '')).filter((l) => l !== '');
    assert.deepEqual(trim(byOpenpyxl[sheet] ?? []), trim(byExcelJs[sheet] ?? []), `${sheet}: both readers see the same cells`);
  }
  const ledger = byExcelJs[LEDGER_SHEET]!;
  assert.deepEqual(ledger[0]!.slice(0, 3), ['序号', '受理编号', '村']);
  assert.equal(ledger.length - 1, report.total);
  assert.deepEqual(
    ledger
      .slice(1)
      .map((r) => r[1])
      .sort(),
    apps.map((a) => a.receiptNo).sort(),
  );
  const count = (col: number, value: string) => ledger.slice(1).filter((r) => r[col] === value).length;
  assert.equal(count(12, '按期'), report.onTime);
  assert.equal(count(12, '超期'), report.decided - report.onTime);
  assert.equal(count(7, '已撤回'), report.byStatus.withdrawn);
  const stats = byExcelJs[STATS_SHEET]!.map((r) => r.slice(0, 2));
  for (const [label, value] of [
    ['申请总数', report.total],
    ['已作出审核决定', report.decided],
    ['其中按期', report.onTime],
    ['平均办理时间（工作日）', report.avgHandlingWorkingDays],
  ] as const) {
    assert.deepEqual(
      stats.find((r) => r[0] === label),
      [label, String(value)],
    );
  }
  assert.deepEqual(
    stats.find((r) => r[0] === '华屋村'),
    ['华屋村', '6'],
  );

  // The printed list: every receipt number, and the same totals in words.
  const pdf = await t.call('stats.renderLedger', period);
  writeFileSync(join(dir, 'ledger.pdf'), Buffer.from(pdf.pdfBase64, 'base64'));
  const text = (await runTool('pdftotext', ['-layout', join(dir, 'ledger.pdf'), '-'])).stdout.replace(/\s+/g, '');
  for (const a of apps) assert.ok(text.includes(a.receiptNo!.slice(13)), a.receiptNo!);
  assert.ok(text.includes('合计：申请6件，已作出审核决定4件，其中按期3件、超期1件'), text.slice(-200));
  const printed = await t.call('stats.printLedger', { ...period, printerId: 'pdf', copies: 1 });
  assert.equal(printed.printerId, 'pdf');
});

test('a period that is not one is refused in Chinese', async () => {
  const t = township.station;
  await refused(t.call('stats.exportLedger', { from: '2026-12-31', to: '2026-11-01' }), 'INVALID_INPUT');
  for (const bad of ['2026-02-30', '2026-1-1', '\u0000', '2026-12-01'.repeat(100)]) {
    await refused(t.call('stats.report', { from: bad }), 'INVALID_INPUT');
    await refused(t.call('stats.renderLedger', { to: bad }), 'INVALID_INPUT');
  }
  await refused(t.call('stats.report', { granularity: 'day' } as never), 'INVALID_INPUT');
});
