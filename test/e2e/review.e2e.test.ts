/**
 * End to end, in Chromium: township review and the round trip to the village (issue #5), through the REAL
 * renderer on two browser hosts. A reference platform runs in memory (PGlite) with the seed catalog, a cadre of
 * 华屋村 and a reviewer of 叶坪乡; a village terminal and a township terminal are enrolled to it (the township
 * through a fault proxy, so its link can be cut). The journey:
 *
 *   village submits two applications and syncs → township worklist → detail with a scanned page → with the
 *   township's link CUT: approve one, return the other with a one-time notice (both 未同步) → link back, sync →
 *   village home shows both decisions → the one-time notice's preview (printed to the PDF printer, read back) →
 *   登记补正 with a corrected field, a ticked material and a new scan → township approves the supplement →
 *   village completes it. Then the handover list (village makes and prints it, township confirms with one
 *   material missing) and 统计 for both roles.
 *
 * Needs Debian's Chromium (/usr/bin/chromium) and poppler-utils: scripts/install-system-deps.sh.
 * Screenshots at 1366×768 go to test-results/screenshots/review-*.png.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { ApplicationView } from '../../core/api/views';
import type { RunningPlatform } from '../../platform/index';
import { ensureRendererBuilt } from '../../scripts/renderer-build';
import { startBrowserHost, type BrowserHost } from '../../station/browser-host';
import type { Station } from '../../station/station';
import { chooseOption, launchChromium, loginInBrowser, pdfTextOf, RENDERER_DIR, requireChromium, ROOT, settle, STEP_TIMEOUT, stepper } from '../helpers/e2e';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { allMaterials, validValues } from '../helpers/forms';
import { idNumber } from '../helpers/sync';
import {
  BARE_CODE,
  E2E_CADRE,
  E2E_REVIEWER,
  journeySync,
  journeyTerminal,
  named,
  receiptCodeOf,
  reviewJourneyPlatform,
  scannedPage,
  setFontSize,
} from '../helpers/review-e2e';

const VILLAGE_POINT = '瑞金市叶坪乡华屋村为民服务代办点';
const CADRE = E2E_CADRE;
const REVIEWER = E2E_REVIEWER;

type Platform = RunningPlatform;

let work: string;
let platform: Platform | null = null;
let proxy: FaultProxy | null = null;
let village: Station | null = null;
let township: Station | null = null;
const hosts: BrowserHost[] = [];
let context: BrowserContext | null = null;
/** The cadre's window (village terminal) and the reviewer's (township terminal). */
let v: Page;
let t: Page;

const apps: { approve?: ApplicationView; supplement?: ApplicationView } = {};

/** A 低保 application taken on the village terminal through its API (the intake UI is intake.e2e's job). */
async function submit(n: number, name: string, o: { withoutMedicalRecords?: boolean } = {}): Promise<ApplicationView> {
  const s = village!;
  const resident = await s.call('residents.register', { idNumber: idNumber(n), name, phone: '13907971234' });
  const item = await s.call('catalog.get', { code: 'MZ-0001' });
  const draft = await s.call('applications.createDraft', { residentId: resident.id, itemCode: item.code });
  const materials = allMaterials(item);
  if (o.withoutMedicalRecords) materials.medicalRecords = { received: false, count: 1 };
  await s.call('applications.saveDraft', { id: draft.id, form: validValues(item.form.fields), materials });
  await s.call('attachments.add', {
    applicationId: draft.id,
    fileName: '户口簿首页.png',
    mimeType: 'image/png',
    dataBase64: (await scannedPage(n === 1 ? '#333' : '#5b3a29')).toString('base64'),
  });
  return s.call('applications.submit', { id: draft.id });
}

/** A top-bar menu entry (the bare name also matches scans called 户口簿首页 …). */
async function menu(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: label }).click();
}

before(async () => {
  requireChromium();
  await ensureRendererBuilt(ROOT, () => undefined);
  work = mkdtempSync(join(tmpdir(), 'daiban-e2e-review-'));
  platform = await reviewJourneyPlatform({ delegated: true }); // the township decides 低保 alone here
  proxy = await startFaultProxy({ targetPort: Number(new URL(platform.url).port) });

  village = await journeyTerminal(platform, join(work, 'village'), 'village');
  township = await journeyTerminal(platform, join(work, 'township'), 'township', proxy.url);

  hosts.push(await startBrowserHost({ station: village, staticDir: RENDERER_DIR, port: 0 }));
  hosts.push(await startBrowserHost({ station: township, staticDir: RENDERER_DIR, port: 0 }));
  ({ context, page: v } = await launchChromium(work, { downloads: true }));
  t = await context.newPage();
  t.setDefaultTimeout(STEP_TIMEOUT);
});

after(async () => {
  await context?.close().catch(() => undefined);
  for (const h of hosts) await h.close().catch(() => undefined);
  await village?.close();
  await township?.close();
  await proxy?.close().catch(() => undefined);
  await platform?.close().catch(() => undefined);
  if (work) rmSync(work, { recursive: true, force: true });
});

test('a decision goes from the township to the village and back, in the UI', { timeout: 600_000 }, async (tc) => {
  let current: Page = v;
  const step = stepper(tc, () => current, 'review');
  const on = async (page: Page) => {
    current = page;
    await page.bringToFront();
  };

  await step('both log in; the village submits two applications and syncs', async () => {
    await on(v);
    await v.goto(hosts[0]!.url);
    await loginInBrowser(v, CADRE, /您好/);
    apps.approve = await submit(1, '王秀英');
    apps.supplement = await submit(2, '刘桂兰', { withoutMedicalRecords: true });
    await journeySync(village!, 'the village');
  });

  await step('handover list: the village makes one for the paper and prints it', async () => {
    await menu(v, '交接清单');
    await v.getByRole('heading', { name: /交接清单/ }).waitFor();
    await v.getByRole('button', { name: '生成交接清单' }).click();
    await v.getByRole('heading', { name: '交接清单', exact: true }).waitFor();
    await v.locator('iframe[title="交接清单预览"]').waitFor();
    await v.waitForTimeout(1500); // Chromium's PDF viewer draws the pages
    await named(v, 'review-01-handover-print');
    await v.getByRole('button', { name: /返\s*回$/ }).click();
    await v.locator('.ant-table-row').filter({ hasText: '待乡镇确认' }).waitFor();
    await v.locator('.ant-table-row .ant-table-row-expand-icon').first().click();
    await v.getByText('刘桂兰').first().waitFor();
    await named(v, 'review-02-handover-village');
    await journeySync(village!, 'the village');
    await journeySync(township!, 'the township');

    await on(t);
    await t.goto(hosts[1]!.url);
    await loginInBrowser(t, REVIEWER, '审核工作台');
  });

  await step('township worklist: both applications, due dates in working days', async () => {
    const rows = t.locator('.ant-table-tbody tr.ant-table-row');
    await rows.filter({ hasText: '王秀英' }).waitFor();
    await rows.filter({ hasText: '刘桂兰' }).waitFor();
    await t
      .getByText(/剩余\d+个工作日/)
      .first()
      .waitFor();
    assert.ok(await rows.filter({ hasText: apps.approve!.receiptNo! }).count(), 'the receipt number is listed');
    await named(t, 'review-03-worklist');
  });

  await step('核验回执 by keys: F3, the scanner types the paper’s code and Enter; a changed code is caught', async () => {
    const scanned = await receiptCodeOf(village!, apps.approve!.id, work);
    await t.keyboard.press('F3');
    await t.getByRole('heading', { name: '核验回执' }).waitFor();
    await t.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '扫码内容');
    await t.keyboard.insertText(scanned); // a USB scanner types like a keyboard, then presses Enter
    await t.keyboard.press('Enter');
    await t.getByText(/^真实：/).waitFor();
    await t.getByText('申请人 王秀英').waitFor();
    await t.getByText(VILLAGE_POINT).waitFor();
    assert.equal(await t.getByLabel('扫码内容').inputValue(), '', 'the box is ready for the next paper');
    await settle(t);
    await named(t, 'review-03b-receipt-check');
    await t.keyboard.insertText(scanned.replace(':MZ-0001:', ':WJ-0004:'));
    await t.keyboard.press('Enter');
    await t.getByText(/^签名不符：/).waitFor();
    await settle(t);
    await named(t, 'review-03c-receipt-check-forged');
    await setFontSize(t, REVIEWER.displayName, '大');
    await named(t, 'review-03d-receipt-check-large');
    await setFontSize(t, REVIEWER.displayName, '标准');
    await t.keyboard.press('F2');
    await t.getByRole('heading', { name: '审核工作台' }).waitFor();
  });

  await step('detail: the application in full, the scanned page fetched on demand', async () => {
    await t.locator('.ant-table-row').filter({ hasText: '王秀英' }).click();
    await t.getByRole('heading', { name: /最低生活保障申请/ }).waitFor();
    await t.getByText('申请人与受理信息').waitFor();
    await t.getByText('家庭月总收入').waitFor();
    await t.getByAltText('扫描件：户口簿首页.png').waitFor();
    await named(t, 'review-04-detail');
  });

  await step('with the link cut: approve one — saved, 未同步', async () => {
    proxy!.setFaults({ refuse: true });
    proxy!.dropAll();
    await t.getByRole('button', { name: '审核通过' }).click();
    await t.getByRole('dialog', { name: '确认审核通过？' }).waitFor();
    await t.keyboard.insertText('材料齐全，符合低保条件'); // the optional comment has the focus
    await settle(t);
    await named(t, 'review-05-approve-confirm');
    await t.getByRole('dialog', { name: '确认审核通过？' }).getByRole('button', { name: '审核通过' }).click();
    await t.getByText('已保存，网络恢复后自动上报', { exact: false }).first().waitFor();
    await t.getByText('未同步').first().waitFor();
    await t.getByRole('heading', { name: /已通过/ }).waitFor();
    await t.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    await named(t, 'review-06-approved-offline');
  });

  await step('return the other with a one-time notice listing everything at once', async () => {
    await t.getByRole('button', { name: '返回工作台' }).click();
    await t.locator('.ant-table-row').filter({ hasText: '刘桂兰' }).click();
    await t.getByRole('heading', { name: /最低生活保障申请/ }).waitFor();
    // Offline and never fetched: the page cannot be shown, and says why in Chinese.
    await t.getByText('该附件尚未下载到本机，网络恢复后再查看。').waitFor();
    await named(t, 'review-07-detail-offline-scan');
    await t.getByRole('button', { name: '退回补正' }).click();
    const dialog = t.getByRole('dialog');
    await dialog.getByText('一次性告知需要补正的全部内容').waitFor();
    await dialog.locator('[data-entry="material:medicalRecords"]').getByRole('checkbox').check();
    await dialog.locator('[data-entry="field:monthlyIncome"]').getByRole('checkbox').check();
    await dialog.getByLabel('家庭月总收入的问题').fill('与村委会出具的收入证明不一致，请核实后重填');
    await dialog.getByLabel('补充说明（可不填）').fill('请一次带齐以上材料到村代办点。');
    await settle(t);
    await named(t, 'review-08-notice-builder');
    await dialog.getByRole('button', { name: /下一步：核对告知内容/ }).click();
    await t.getByText('将一次性告知以下2项').waitFor();
    await t.getByText('与村委会出具的收入证明不一致，请核实后重填').waitFor();
    await named(t, 'review-09-notice-summary');
    await t.getByRole('button', { name: '确认退回补正' }).click();
    await t.getByRole('heading', { name: /待补正/ }).waitFor();
    await t.getByText('需要补正的内容（共2项）').waitFor();
  });

  await step('the worklist marks both decisions 未同步 until the link is back', async () => {
    await t.getByRole('button', { name: '返回工作台' }).click();
    await t.getByLabel('按状态筛选').click();
    await t.locator('.ant-select-dropdown:visible').getByTitle('全部', { exact: true }).click();
    await t.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
    await settle(t);
    const rows = t.locator('.ant-table-row');
    await rows.filter({ hasText: '王秀英' }).filter({ hasText: '未同步' }).waitFor();
    await rows.filter({ hasText: '刘桂兰' }).filter({ hasText: '未同步' }).waitFor();
    const failed = await township!.sync.syncNow();
    assert.ok(failed.lastError, 'with the link cut the township cannot sync');
    assert.ok(failed.pending >= 2, 'both decisions wait in the outbox');
    await named(t, 'review-10-worklist-unsynced');
  });

  await step('link back: the decisions go up and arrive at the village home screen', async () => {
    proxy!.setFaults({});
    await journeySync(township!, 'the township');
    await on(v);
    await journeySync(village!, 'the village');
    await menu(v, '首页');
    const rows = v.getByTestId('decision-row');
    await rows.filter({ hasText: '王秀英' }).filter({ hasText: '已通过' }).waitFor();
    await rows.filter({ hasText: '刘桂兰' }).filter({ hasText: '待补正' }).waitFor();
    await named(v, 'review-11-village-home');
  });

  await step('the one-time notice: preview, printed to the PDF printer, read back', async () => {
    await v.getByTestId('decision-row').filter({ hasText: '刘桂兰' }).getByRole('button', { name: '打印一次性告知书' }).click();
    await v.getByRole('heading', { name: '一次性告知书' }).waitFor();
    await v.locator('iframe[title="一次性告知书预览"]').waitFor();
    await v.waitForTimeout(1500); // Chromium's PDF viewer draws the pages
    await chooseOption(v, '打印机：', '保存为PDF文件');
    const [saved] = await Promise.all([v.waitForEvent('download'), v.getByRole('button', { name: '打印一次性告知书' }).click()]);
    const done = v.getByText(/一次性告知书已保存为PDF文件/);
    await done.waitFor();
    assert.doesNotMatch((await done.textContent()) ?? '', /[/\\]/, 'no path on screen');
    const path = join(tmpdir(), `daiban-notice-${process.pid}-${saved.suggestedFilename()}`);
    await saved.saveAs(path);
    assert.ok(existsSync(path), `the printed PDF exists: ${path}`);
    const text = pdfTextOf(path);
    assert.ok(text.includes('刘桂兰'), 'the notice names the applicant');
    assert.ok(text.includes('疾病诊断证明或住院病历'), 'the notice lists the missing material');
    assert.ok(text.replace(/\s+/g, '').includes('叶坪乡人民政府'), 'the reviewing body is named after the township');
    assert.doesNotMatch(text, BARE_CODE, 'no bare division code on the notice');
    await named(v, 'review-12-notice-preview');
  });

  await step('登记补正: the asked items on top, corrected field, ticked material, a new scan', async () => {
    await v.getByRole('button', { name: /返\s*回$/ }).click();
    await v.getByTestId('decision-row').filter({ hasText: '刘桂兰' }).getByRole('button', { name: '登记补正' }).click();
    await v.getByRole('heading', { name: /登记补正/ }).waitFor();
    await v.getByText('乡镇要求补正以下2项', { exact: false }).waitFor();
    await v.getByText(/需补正：与村委会出具的收入证明不一致/).waitFor();
    await v.getByLabel('家庭月总收入').fill('650');
    await v.locator('[data-material="medicalRecords"]').getByRole('checkbox').check();
    await v.getByLabel('选择扫描件文件').setInputFiles({ name: '住院病历.png', mimeType: 'image/png', buffer: await scannedPage('#1d39c4') });
    await v.getByAltText('扫描件：住院病历.png').waitFor();
    // The original record the resident cannot bring: 居民无法提供 by keys, the reason box takes the cursor.
    await v.getByRole('list', { name: '需要补正的内容' }).getByRole('checkbox', { name: '居民无法提供' }).first().focus();
    await v.keyboard.press('Space');
    await v.keyboard.insertText('病历原件在县医院存档，补交复印件');
    await v.getByLabel('补正说明').fill('已补交住院病历，收入按证明更正。');
    await v.evaluate(() => window.scrollTo(0, 0));
    await named(v, 'review-13-supplement');
    await v.getByRole('button', { name: '提交补正' }).click();
    await v.getByRole('heading', { name: /已补正/ }).waitFor();
  });

  await step('the township approves the supplement', async () => {
    await journeySync(village!, 'the village');
    await journeySync(township!, 'the township');
    await on(t);
    await t.getByRole('button', { name: '刷新' }).click();
    await t.locator('.ant-table-row').filter({ hasText: '刘桂兰' }).filter({ hasText: '已补正' }).click();
    await t.getByRole('heading', { name: /已补正/ }).waitFor();
    // What the supplement changed, beside the application: each asked item answered, the changes listed.
    const changes = t.getByRole('list', { name: '与上次提交相比的改动' });
    await changes.getByText(/家庭月总收入：/).waitFor();
    await changes.getByText('新增扫描件：住院病历.png').waitFor();
    await t.getByRole('list', { name: '逐项补正情况' }).getByText('已更正').first().waitFor();
    await t.getByText('原因：病历原件在县医院存档，补交复印件').waitFor();
    await settle(t);
    await named(t, 'review-13b-supplement-changes');
    await t.getByRole('button', { name: '审核通过' }).click();
    await t.getByRole('dialog', { name: '确认审核通过？' }).getByRole('button', { name: '审核通过' }).click();
    await t.getByRole('heading', { name: /已通过/ }).waitFor();
    await journeySync(township!, 'the township');
  });

  await step('the village prints the result notice and completes the application', async () => {
    await on(v);
    await journeySync(village!, 'the village');
    await menu(v, '首页');
    const row = v.getByTestId('decision-row').filter({ hasText: '刘桂兰' });
    await row.filter({ hasText: '已通过' }).waitFor();
    await row.getByText('刘桂兰').click();
    await v.getByRole('heading', { name: /已通过/ }).waitFor();
    await v.getByText('乡镇审核结果', { exact: true }).waitFor();
    await named(v, 'review-14-village-detail-approved');
    await v.getByRole('button', { name: '办结（已告知申请人）' }).click();
    await v.locator('.ant-modal-confirm-title').getByText('确认办结？').waitFor();
    await v.getByRole('button', { name: '已告知，办结' }).click();
    // 办结评价: the resident rates the result (2 = 满意), Enter submits.
    await v.getByRole('dialog', { name: /请刘桂兰对本次服务评价（办结评价）/ }).waitFor();
    await v.keyboard.press('2');
    await v.keyboard.press('Enter');
    await v.getByRole('heading', { name: /已办结/ }).waitFor();
    await v.getByText('办结评价：').waitFor();
    await named(v, 'review-15-village-completed');
  });

  await step('handover list: the township confirms, one material noted missing', async () => {
    await on(t);
    await menu(t, '交接清单');
    await t.getByRole('button', { name: '核对确认' }).first().click();
    const dialog = t.getByRole('dialog');
    await dialog.getByText('核对交接清单').waitFor();
    await dialog.getByRole('checkbox').first().check();
    await dialog.getByPlaceholder('情况说明', { exact: false }).first().fill('只收到复印件');
    await settle(t);
    await named(t, 'review-16-handover-confirm');
    await dialog.getByRole('button', { name: /确认收到/ }).click();
    await t
      .getByText(/已确认，缺1项/)
      .first()
      .waitFor();
    await named(t, 'review-17-handover-township');
  });

  await step('统计 for both roles', async () => {
    await menu(t, '统计');
    await t.getByText('按事项').waitFor();
    await t.getByText('最低生活保障申请').first().waitFor();
    await t.getByRole('img', { name: '受理与审核的趋势' }).waitFor();
    await named(t, 'review-18-stats-township');
  });

  await step('统计 on the village', async () => {
    await on(v);
    await menu(v, '统计');
    await v.getByText('按状态').waitFor();
    await v.getByText('已办结').first().waitFor();
    await named(v, 'review-19-stats-village');
  });
});
