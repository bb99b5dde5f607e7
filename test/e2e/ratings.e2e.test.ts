/**
 * End to end, in Chromium, by keyboard: the resident at the counter (issue #17). A card placed on the simulated
 * reader fills a new resident in; the cadre confirms, takes a 老年人优待证 application and prints the receipt;
 * the resident rates it 不满意 with a reason (keys 4, Tab, Space, Enter); after both terminals sync, the
 * township's 差评跟进 shows it with the resident to call back and its deadlines under the default rules, and the
 * reviewer records the 回访. Screenshots: test-results/screenshots/ratings-*.png.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { defaultCalendar, shanghaiDate } from '../../core/calendar';
import { DEFAULT_RATING_RULES } from '../../core/ratings/model';
import type { RunningPlatform } from '../../platform/index';
import { ensureRendererBuilt } from '../../scripts/renderer-build';
import { startBrowserHost, type BrowserHost } from '../../station/browser-host';
import { createSerialIdCardReader } from '../../station/id-card/serial-reader';
import { startSimulatedReader, type SimulatedReader } from '../../station/id-card/simulator';
import type { Station } from '../../station/station';
import { dialogsClosed, launchChromium, loginByKeys, RENDERER_DIR, requireChromium, ROOT, settle, shot, STEP_TIMEOUT, stepper } from '../helpers/e2e';
import { TEST_CARD } from '../helpers/id-card';
import { E2E_CADRE, E2E_REVIEWER, journeySync, journeyTerminal, named, reviewJourneyPlatform } from '../helpers/review-e2e';
import { submitApplication } from '../helpers/sync';
import { requireTools } from '../helpers/system-tools';

process.env.DAIBAN_LOG_STDOUT = '0';

let work: string;
let platform: RunningPlatform | null = null;
let sim: SimulatedReader | null = null;
const stations: Record<'village' | 'township', Station | null> = { village: null, township: null };
const hosts: BrowserHost[] = [];
let context: BrowserContext | null = null;
let v: Page;
let t: Page;

before(async () => {
  requireChromium();
  requireTools('socat');
  await ensureRendererBuilt(ROOT, () => undefined);
  work = mkdtempSync(join(tmpdir(), 'daiban-e2e-ratings-'));
  platform = await reviewJourneyPlatform();
  sim = await startSimulatedReader();
  const reader = createSerialIdCardReader({ path: sim.path, today: () => shanghaiDate(new Date()) });
  stations.village = await journeyTerminal(platform, join(work, 'village'), 'village', platform.url, { idCard: { reader, pollMs: 300 } });
  stations.township = await journeyTerminal(platform, join(work, 'township'), 'township');
  for (const s of [stations.village, stations.township]) hosts.push(await startBrowserHost({ station: s, staticDir: RENDERER_DIR, port: 0 }));
  ({ context, page: v } = await launchChromium(work, { downloads: true }));
  t = await context.newPage();
  t.setDefaultTimeout(STEP_TIMEOUT);
});

after(async () => {
  await context?.close().catch(() => undefined);
  for (const h of hosts) await h.close().catch(() => undefined);
  for (const s of Object.values(stations)) await s?.close();
  await sim?.close();
  await platform?.close().catch(() => undefined);
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Focus and Enter: how a keyboard user presses a button. */
async function press(page: Page, name: RegExp | string, within = page.locator('body')): Promise<void> {
  await within.getByRole('button', { name }).focus();
  await page.keyboard.press('Enter');
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

test('card → new resident → application → receipt → 不满意 with a reason → the township follows it up', { timeout: 240_000 }, async (tc) => {
  let current = v;
  const step = stepper(tc, () => current, 'ratings');

  await step('the cadre logs in by keys; a card placed on the reader fills a new resident in; phone, Enter, Enter', async () => {
    await v.goto(hosts[0]!.url);
    await loginByKeys(v, E2E_CADRE, /您好/);
    await v.getByRole('status', { name: /^身份证读卡器：读卡器就绪/ }).waitFor();
    await v.keyboard.press('F2');
    await v.getByRole('heading', { name: /确定申请人/ }).waitFor();
    sim!.place(TEST_CARD);
    await v.getByText('登记新居民（已从身份证读取，请核对）').waitFor();
    assert.equal(await v.locator('#reg-idNumber').inputValue(), TEST_CARD.idNumber);
    assert.equal(await v.evaluate(() => document.activeElement?.id), 'reg-phone');
    await v.keyboard.insertText('13907975566');
    await v.keyboard.press('Enter');
    await v.keyboard.press('Enter');
    await v.getByRole('heading', { name: /选择办理事项/ }).waitFor();
  });

  await step('老年证 by its common name; the form walks on with Enter; submitted; the receipt printed with Enter', async () => {
    await v.keyboard.insertText('老年证');
    await v.keyboard.press('Enter');
    await v.getByRole('heading', { name: /填写申请：老年人优待证办理/ }).waitFor();
    for (let i = 0; i < 7; i++) await v.keyboard.press('Enter');
    await v.waitForFunction(() => /下一步：核对信息/.test(document.activeElement?.textContent ?? ''));
    await v.keyboard.press('Enter');
    await v.getByRole('heading', { name: /核对并提交/ }).waitFor();
    await v.keyboard.press('Enter');
    await v.getByTestId('receipt-no').waitFor();
    await v.locator('iframe[title="回执预览"]').waitFor();
    await v.waitForFunction(() => document.hasFocus() && /打印回执/.test(document.activeElement?.textContent ?? ''));
    await v.keyboard.press('Enter');
    await v.getByText(/回执已(保存为PDF文件|发送到打印机)/).waitFor();
  });

  await step('the receipt in hand, the resident is asked: 4 = 不满意, Tab to the first reason, Space, Enter', async () => {
    const dialog = v.getByRole('dialog', { name: '请王秀英对本次服务评价（受理评价）' });
    await dialog.waitFor();
    assert.match(await v.evaluate(() => document.activeElement?.getAttribute('type') ?? ''), /radio/, 'the cursor is on the levels');
    await v.keyboard.press('4');
    await dialog.getByText('哪里让您不满意？（可多选）').waitFor();
    await v.keyboard.press('Tab');
    await v.keyboard.press('Space');
    assert.ok(await dialog.getByRole('checkbox', { name: '服务态度不好' }).isChecked());
    await settle(v);
    await named(v, 'ratings-01-dialog');
    await v.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await v.getByText('受理评价：').waitFor();
    await v.getByText('不满意', { exact: true }).waitFor();
    await named(v, 'ratings-02-receipt-rated');
    assert.doesNotMatch(await focusedText(v), /请群众评价/);
  });

  await step("评价屏: the cadre asks from the application page, opens the resident's window; the resident taps 非常满意 there", async () => {
    const other = await submitApplication(stations.village!, 7301);
    await v.keyboard.press('F3');
    await v.getByRole('heading', { name: '申请队列' }).waitFor();
    await press(v, /^查\s*看$/, v.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: other.receiptNo! }));
    await press(v, '请群众评价（受理评价）');
    const dialog = v.getByRole('dialog', { name: '请王兆明对本次服务评价（受理评价）' });
    await dialog.waitFor();
    const [pad] = await Promise.all([context!.waitForEvent('page'), dialog.getByRole('button', { name: /打开评价屏/ }).click()]);
    await pad.getByRole('heading', { name: '王兆明，请您对本次服务评价' }).waitFor();
    await dialog.getByText('评价屏上已显示本次评价').waitFor();
    await pad.getByRole('radio', { name: /非常满意/ }).click();
    await pad.getByText('服务热情周到').click();
    await pad.setViewportSize({ width: 1024, height: 600 });
    await shot(pad, 'ratings-pad-01-resident-screen');
    await pad.getByRole('button', { name: '提交评价' }).click();
    await pad.getByText('感谢您的评价！').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await v.getByText('非常满意', { exact: true }).waitFor();
    await pad.close();
  });

  await step('both terminals sync; the township reviewer opens 差评跟进 by keys: the 差评 with its resident and deadlines', async () => {
    await journeySync(stations.village, 'the village');
    await journeySync(stations.township, 'the township');
    current = t;
    await t.bringToFront();
    await t.goto(hosts[1]!.url);
    await loginByKeys(t, E2E_REVIEWER, '审核工作台');
    await press(t, '差评跟进', t.getByRole('navigation', { name: '主菜单' }));
    await t.getByRole('heading', { name: /差评跟进/ }).waitFor();
    const row = t.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '王秀英' });
    await row.waitFor();
    const today = shanghaiDate(new Date());
    const revisitDue = defaultCalendar.addWorkingDays(today, DEFAULT_RATING_RULES.revisitWorkingDays);
    const rectifyDue = defaultCalendar.addWorkingDays(today, DEFAULT_RATING_RULES.rectifyWorkingDays);
    const text = await row.innerText();
    for (const part of ['华屋村', '13907975566', '老年人优待证办理', '不满意', '服务态度不好', '李春梅', `${revisitDue} 前`, `${rectifyDue} 前`]) {
      assert.ok(text.includes(part), `the row shows ${part}: ${text}`);
    }
    await settle(t);
    await named(t, 'ratings-03-township-follow-ups');
  });

  await step('the reviewer records the 回访 by keys; the row moves on to 整改 and the record goes up', async () => {
    const row = t.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '王秀英' });
    await press(t, '登记回访', row);
    const dialog = t.getByRole('dialog', { name: /回访核实：王秀英（华屋村）/ });
    await dialog.waitFor();
    await t.keyboard.insertText('电话回访王秀英，反映窗口人员说话生硬，属实');
    await press(t, /登\s*记/, dialog);
    await dialogsClosed(t);
    await row.getByRole('button', { name: '登记整改' }).waitFor();
    assert.match(await row.innerText(), /已办（\d{4}-\d{2}-\d{2}，张建国）/);
    await row.getByText('未同步').waitFor();
    await journeySync(stations.township, 'the township');
    await row.getByText('未同步').waitFor({ state: 'detached' }); // the list reads itself again once it went up
    const [stored] = await platform!.db.query<{ revisit_note: string }>('SELECT revisit_note FROM ratings WHERE level = 2');
    assert.equal(stored!.revisit_note, '电话回访王秀英，反映窗口人员说话生硬，属实');
    await named(t, 'ratings-04-revisited');
  });

  await step('统计 shows the satisfaction by village, item and cadre', async () => {
    await press(t, '统计', t.getByRole('navigation', { name: '主菜单' }));
    const card = t.locator('.ant-card').filter({ hasText: '群众满意度（好差评）' });
    await card.waitFor();
    await card.getByRole('cell', { name: '华屋村', exact: true }).first().waitFor();
    await card.getByText('50.0%').first().waitFor();
    await card.scrollIntoViewIfNeeded();
    await named(t, 'ratings-05-stats');
  });
});
