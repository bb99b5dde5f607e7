/**
 * End to end, in Chromium, keyboard only: a village sends a handover list of ten; one is withdrawn meanwhile;
 * the township picks the batch, selects all of it and approves it; the withdrawn one is reported as not
 * decidable; one approval is taken back before it is sent; the other eight reach the village (issue #15). Screenshots: test-results/screenshots/batch-*.png.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import type { ApplicationView } from '../../core/api/views';
import type { RunningPlatform } from '../../platform/index';
import { ensureRendererBuilt } from '../../scripts/renderer-build';
import { startBrowserHost, type BrowserHost } from '../../station/browser-host';
import type { Station } from '../../station/station';
import { dialogsClosed, launchChromium, loginByKeys, RENDERER_DIR, requireChromium, ROOT, settle, shot, stepper } from '../helpers/e2e';
import { submitApplication } from '../helpers/sync';
import { E2E_CADRE, E2E_COUNTY_REVIEWER, E2E_REVIEWER, journeyTerminal, reviewJourneyPlatform } from '../helpers/review-e2e';

const CADRE = E2E_CADRE;
const REVIEWER = E2E_REVIEWER;
const COUNTY_REVIEWER = E2E_COUNTY_REVIEWER;

let work: string;
let platform: RunningPlatform | null = null;
let village: Station | null = null;
let township: Station | null = null;
let county: Station | null = null;
let host: BrowserHost | null = null;
let countyHost: BrowserHost | null = null;
let context: BrowserContext | null = null;
let page: Page;
const apps: ApplicationView[] = [];
let listNo = '';

before(async () => {
  requireChromium();
  await ensureRendererBuilt(ROOT, () => undefined);
  work = mkdtempSync(join(tmpdir(), 'daiban-e2e-batch-'));
  platform = await reviewJourneyPlatform({ delegated: true }); // the township decides 低保 alone here
  village = await journeyTerminal(platform, join(work, 'village'), 'village');
  township = await journeyTerminal(platform, join(work, 'township'), 'township');
  county = await journeyTerminal(platform, join(work, 'county'), 'county');
  host = await startBrowserHost({ station: township, staticDir: RENDERER_DIR, port: 0 });
  countyHost = await startBrowserHost({ station: county, staticDir: RENDERER_DIR, port: 0 });
  ({ context, page } = await launchChromium(work, { downloads: true }));
});

after(async () => {
  await context?.close().catch(() => undefined);
  await host?.close().catch(() => undefined);
  await countyHost?.close().catch(() => undefined);
  await county?.close();
  await village?.close();
  await township?.close();
  await platform?.close().catch(() => undefined);
  if (work) rmSync(work, { recursive: true, force: true });
});

async function syncOk(s: Station): Promise<void> {
  assert.equal((await s.sync.syncNow()).lastError, null);
}

test('the township approves a handover list of ten as one batch, by keys; the withdrawn one is reported', { timeout: 300_000 }, async (tc) => {
  const step = stepper(tc, () => page, 'batch');

  await step('the village submits ten, lists them for the township and withdraws one', async () => {
    await village!.call('session.login', { username: CADRE.username, password: CADRE.password });
    for (let i = 0; i < 10; i++) apps.push(await submitApplication(village!, 200 + i));
    await syncOk(village!);
    listNo = (await village!.call('handover.create', {})).listNo;
    await syncOk(village!);
    await syncOk(township!);
    await village!.call('applications.withdraw', { id: apps[4]!.id, reason: '申请人已迁出本村' });
    await syncOk(village!);
    await syncOk(township!);
  });

  await step('the reviewer logs in and picks the batch with the keyboard', async () => {
    await page.goto(host!.url);
    await loginByKeys(page, REVIEWER, '审核工作台');
    await page.getByLabel('按批次筛选').focus();
    await page.keyboard.insertText(listNo.slice(-5));
    await page.keyboard.press('Enter');
    await page.getByText(`交接清单 ${listNo}：共10件，纸质材料尚未确认收到`).waitFor();
    await page.locator('.ant-table-tbody tr.ant-table-row').nth(9).waitFor();
    assert.equal(await page.locator('.ant-table-tbody tr.ant-table-row').count(), 10, 'the whole batch, one page');
  });

  await step('select all of it (Space on the header box) and 通过所选 (Enter), with a comment', async () => {
    await page.getByRole('checkbox', { name: /全选|Select all/ }).focus();
    await page.keyboard.press('Space');
    await page.getByText('已选 10 件').waitFor();
    await settle(page);
    await shot(page, 'batch-01-selected');
    await page.getByRole('button', { name: /(^|\s)通过所选$/ }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '确认将所选 10 件审核通过？' });
    await dialog.waitFor();
    await page.keyboard.insertText('材料齐全');
    await dialog.getByRole('button', { name: /通过 10 件/ }).focus();
    await page.keyboard.press('Enter');
    const result = page.getByRole('dialog', { name: '批量审核结果' });
    await result.getByText('已审核通过 9 件，1 件未能审核').waitFor();
    await result.getByText(/已撤回/).waitFor();
    await settle(page);
    await shot(page, 'batch-02-result');
    await page.keyboard.press('Escape');
    await dialogsClosed(page); // before the next focus: the result dialog hands the focus back as its fade ends
    await page.getByText('已选 0 件').waitFor();
  });

  await step('one decision taken back before it is sent: open it by keys, 撤销决定, confirm', async () => {
    const first = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await first.getByRole('button', { name: '审核' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /撤销决定/ }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.ant-modal-confirm-title').getByText('撤销这个审核决定？').waitFor();
    assert.equal(await page.locator('.ant-modal-confirm').count(), 1, 'one confirmation');
    await settle(page);
    await shot(page, 'batch-03-undo-confirm');
    await page.keyboard.press('Enter'); // the confirmation's OK has the focus
    await page.getByText('已撤销，未上报的决定不会再发出').waitFor();
    await page.getByText('撤销未上报的审核决定').waitFor();
    await page.getByRole('button', { name: /撤销决定/ }).waitFor({ state: 'detached' }); // nothing left to take back
  });

  await step('eight decisions reach the village; the undone one waits, the withdrawn one stays withdrawn', async () => {
    await syncOk(township!);
    await syncOk(village!);
    const statuses = await Promise.all(apps.map(async (a) => (await village!.call('applications.get', { id: a.id })).status));
    assert.deepEqual(
      statuses,
      apps.map((_, i) => (i === 4 ? 'withdrawn' : i === 0 ? 'sent' : 'approved')),
    );
  });

  await step('the ledger by keys: 导出台账 downloads the workbook, 打印台账 prints the A4 list', async () => {
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '统计' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('img', { name: '按村的件数' }).waitFor();
    await page.getByRole('button', { name: /导出台账/ }).focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.match(download.suggestedFilename(), /^台账-\d{4}-\d{2}-\d{2}至\d{4}-\d{2}-\d{2}\.xlsx$/);
    const saved = join(work, download.suggestedFilename());
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    assert.equal(wb.getWorksheet('台账')!.rowCount, 1 + 10, 'a head row and the ten applications');
    await page.getByRole('button', { name: /打印台账/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '台账', exact: true }).waitFor();
    await page.locator('iframe[title="台账预览"]').waitFor();
    await page.waitForFunction(() => /打印台账/.test(document.activeElement?.textContent ?? ''));
    await page.waitForTimeout(1500); // Chromium's PDF viewer draws the page
    await settle(page);
    await shot(page, 'batch-06-ledger-print');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.match(pdf.suggestedFilename(), /^台账-.*\.pdf$/);
    await page.getByText(/台账已(保存为PDF文件|发送到打印机)/).waitFor();
  });

  await step('the county reviewer, by keys: the townships’ worklist by village name, the statistics', async () => {
    await syncOk(county!);
    await page.goto('about:blank');
    await page.goto(countyHost!.url);
    await loginByKeys(page, COUNTY_REVIEWER, '审核工作台');
    await page.getByLabel('按批次筛选').focus();
    await page.keyboard.insertText(listNo.slice(-5));
    await page.keyboard.press('Enter');
    await page.locator('.ant-table-tbody tr.ant-table-row').nth(9).waitFor();
    assert.equal(await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '华屋村' }).count(), 10);
    // The county's own step (批准所选) is for items that go up to it; these the township decided alone.
    await page.getByRole('button', { name: /(^|\s)批准所选$/ }).waitFor();
    assert.equal(await page.getByRole('button', { name: /(^|\s)通过所选$/ }).count(), 0, 'a county approves, it does not pass on');
    await settle(page);
    await shot(page, 'batch-04-county-worklist');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '统计' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('img', { name: '按村的件数' }).waitFor();
    await settle(page);
    await shot(page, 'batch-05-county-stats');
  });
});
