/**
 * End to end, in Chromium, keyboard only: 低保 through its four levels (issue #15). The village takes it; the
 * township passes it (审核通过 opens the 7-day notice); the village sees the notice running with its days left;
 * the notice runs out (the platform's sweep, its clock moved 8 days on); the village sees it gone up to the
 * county live; the county reviewer 批准 it; the village prints the result notice, which names the county
 * body. Every screen is checked for bare division codes. Screenshots: test-results/screenshots/levels-*.png.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { ApplicationView } from '../../core/api/views';
import type { RunningPlatform } from '../../platform/index';
import { ensureRendererBuilt } from '../../scripts/renderer-build';
import { startBrowserHost, type BrowserHost } from '../../station/browser-host';
import type { Station } from '../../station/station';
import { launchChromium, loginByKeys, RENDERER_DIR, requireChromium, ROOT, settle, STEP_TIMEOUT, stepper } from '../helpers/e2e';
import { pdfText } from '../helpers/pdf-text';
import { E2E_CADRE, E2E_COUNTY_REVIEWER, E2E_REVIEWER, journeySync, journeyTerminal, named, reviewJourneyPlatform } from '../helpers/review-e2e';
import { submitApplication } from '../helpers/sync';

const CADRE = E2E_CADRE;
const REVIEWER = E2E_REVIEWER;
const COUNTY_REVIEWER = E2E_COUNTY_REVIEWER;
const DAY = 86_400_000;

let work: string;
let offsetMs = 0;
let platform: RunningPlatform | null = null;
const stations: Record<'village' | 'township' | 'county', Station | null> = { village: null, township: null, county: null };
const hosts: Partial<Record<'village' | 'township' | 'county', BrowserHost>> = {};
let context: BrowserContext | null = null;
const pages: Partial<Record<'village' | 'township' | 'county', Page>> = {};
let app: ApplicationView;

before(async () => {
  requireChromium();
  await ensureRendererBuilt(ROOT, () => undefined);
  work = mkdtempSync(join(tmpdir(), 'daiban-e2e-levels-'));
  platform = await reviewJourneyPlatform({ now: () => new Date(Date.now() + offsetMs) });
  for (const which of ['village', 'township', 'county'] as const) {
    const s = (stations[which] = await journeyTerminal(platform, join(work, which), which));
    hosts[which] = await startBrowserHost({ station: s, staticDir: RENDERER_DIR, port: 0 });
  }
  let page: Page;
  ({ context, page } = await launchChromium(work, { downloads: true }));
  pages.village = page;
  for (const which of ['township', 'county'] as const) {
    pages[which] = await context.newPage();
    pages[which].setDefaultTimeout(STEP_TIMEOUT);
  }
});

after(async () => {
  await context?.close().catch(() => undefined);
  for (const h of Object.values(hosts)) await h.close().catch(() => undefined);
  for (const s of Object.values(stations)) await s?.close();
  await platform?.close().catch(() => undefined);
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The route card's current (or stopped) step, as the page shows it. */
async function currentStep(page: Page): Promise<string> {
  return (await page.locator('.ant-steps-item-process .ant-steps-item-title').innerText()).trim();
}

/** Focus and Enter: how a keyboard user presses a button. */
async function press(page: Page, name: RegExp | string, within = page.locator('body')): Promise<void> {
  await within.getByRole('button', { name }).focus();
  await page.keyboard.press('Enter');
}

test('低保 through 乡镇审核, 公示 and 县级审批 to the village’s result notice, by keys, with the timers at each step', { timeout: 300_000 }, async (tc) => {
  let current: Page = pages.village!;
  const step = stepper(tc, () => current, 'levels');
  const on = async (which: keyof typeof pages) => {
    current = pages[which]!;
    await current.bringToFront();
    return current;
  };

  await step('the village takes a 低保 and syncs; the township receives it', async () => {
    await stations.village!.call('session.login', { username: CADRE.username, password: CADRE.password });
    app = await submitApplication(stations.village!, 601);
    await journeySync(stations.village);
    await journeySync(stations.township);
  });

  await step('乡镇审核: the reviewer opens it by keys; 审核通过 says it goes to the notice, then the county', async () => {
    const t = await on('township');
    await t.goto(hosts.township!.url);
    await loginByKeys(t, REVIEWER, '审核工作台');
    const row = t.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: app.receiptNo! });
    await press(t, '审核', row);
    await t.getByRole('heading', { name: /最低生活保障申请/ }).waitFor();
    await t.getByText('办理进度').waitFor();
    assert.equal(await currentStep(t), '乡镇审核');
    await press(t, /^check 审核通过$|^审核通过$/);
    const dialog = t.getByRole('dialog', { name: '确认审核通过？' });
    await dialog.getByText(/在村务公开栏公示7天，期满后报县级审批/).waitFor();
    await t.keyboard.insertText('经入户调查，家庭收入低于当地低保标准'); // the comment box has the focus
    await settle(t);
    await named(t, 'levels-01-township-pass');
    await press(t, /审核通过/, dialog);
    await t.getByText(/已审核通过/).waitFor();
    await t.locator('h1').getByText('公示中').waitFor();
    await journeySync(stations.township);
  });

  await step('公示: the village sees the notice running, 7 days from tomorrow, and no result notice yet', async () => {
    await journeySync(stations.village);
    const v = await on('village');
    await v.goto(hosts.village!.url);
    await v.getByRole('heading', { name: /您好/ }).waitFor(); // the cadre's session from the intake above
    await v.keyboard.press('F3');
    await v.getByRole('heading', { name: '申请队列' }).waitFor();
    await press(v, /^查\s*看$/, v.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: app.receiptNo! }));
    await v.locator('h1').getByText('公示中').waitFor();
    await v.getByText(/^公示中：\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}，还剩 7 天（含今天）/).waitFor();
    assert.equal(await currentStep(v), '公示');
    await v.getByText('乡镇审核结果').waitFor();
    assert.equal(await v.getByRole('button', { name: '打印结果通知书' }).count(), 0, 'the result is the county’s');
    await settle(v);
    await named(v, 'levels-02-village-notice');
  });

  await step('the notice runs out by the platform’s clock; the open page moves on to 待县级审批 by itself', async () => {
    const v = pages.village!;
    offsetMs = 6 * DAY;
    assert.equal(await platform!.admin.sweepNotices(), 0, 'still running on its last day');
    offsetMs = 8 * DAY;
    assert.equal(await platform!.admin.sweepNotices(), 1);
    offsetMs = 0;
    await journeySync(stations.village);
    await v.locator('h1').getByText('待县级审批').waitFor();
    await v.getByText(/^公示期满：.*，已报县级审批$/).waitFor();
    assert.equal(await currentStep(v), '县级审批');
    await v.getByText('公示期满，报县级审批').first().waitFor(); // the history, and the corner notification
    await settle(v);
    await named(v, 'levels-03-village-county');
  });

  await step('县级审批: the county reviewer finds it under 待县级审批 and 批准 it, by keys', async () => {
    await journeySync(stations.county);
    const c = await on('county');
    await c.goto(hosts.county!.url);
    await loginByKeys(c, COUNTY_REVIEWER, '审核工作台');
    const rows = c.locator('.ant-table-tbody tr.ant-table-row');
    await rows.filter({ hasText: app.receiptNo! }).waitFor();
    assert.equal(await rows.count(), 1, 'the county’s to-do list holds what reached its step');
    await press(c, '审核', rows.first());
    await c.getByRole('heading', { name: /最低生活保障申请/ }).waitFor();
    assert.equal(await currentStep(c), '县级审批');
    assert.equal(await c.getByRole('button', { name: /退回补正/ }).count(), 0, 'the county approves or refuses');
    await c.getByRole('button', { name: /不予批准/ }).waitFor();
    await settle(c);
    await named(c, 'levels-04-county-detail');
    await press(c, /^check 批准$|^批准$/);
    const dialog = c.getByRole('dialog', { name: '确认批准？' });
    await dialog.waitFor();
    await press(c, /批\s*准/, dialog);
    await c.locator('h1').getByText('已通过').waitFor();
    await journeySync(stations.county);
  });

  await step('the village: 县级审批结果 arrives live; the result notice, by keys, names the county body', async () => {
    const v = await on('village');
    await journeySync(stations.village);
    await v.locator('h1').getByText('已通过').waitFor();
    await v.getByText('县级审批结果', { exact: true }).first().waitFor();
    await v.getByRole('button', { name: '打印结果通知书' }).focus();
    await v.keyboard.press('Enter');
    await v.locator('iframe[title="办理结果通知书预览"]').waitFor();
    await v.waitForTimeout(1500); // Chromium's PDF viewer draws the page
    await named(v, 'levels-05-result-notice');
    const text = await pdfText((await stations.village!.call('documents.render', { kind: 'result_notice', id: app.id })).pdfBase64);
    assert.match(text, /审批单位瑞金市民政部门/);
    assert.match(text, /经叶坪乡人民政府审核并公示，报瑞金市民政部门于/);
  });
});
