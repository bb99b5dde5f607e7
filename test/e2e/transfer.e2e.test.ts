/**
 * End to end, keyboard only (issue #16 part 1): the extranet is down; in Chromium, the cadre opens 网络与同步 by
 * keys, 导出待上传数据 saves the encrypted file (the download is the stick); the county imports it with the IT
 * command line's function; back at the counter, 导入回执文件 takes the return file and says what the platform
 * took. A second trip goes through the township instead: its reviewer, by keys, relays the stick
 * (导入村里带来的U盘文件) and saves the village's return file (保存回执文件), which the counter takes in.
 * Screenshots: test-results/screenshots/transfer-*.png.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { RunningPlatform } from '../../platform/index';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { startBrowserHost, type BrowserHost } from '../../station/browser-host';
import { BrowserTerminal, loginByKeys, RENDERER_DIR, settle, shot, stepper } from '../helpers/e2e';
import { enrolledTownship } from '../helpers/review';
import { freshStation, issueCode, PLATFORM_CADRE, startTestPlatform, submitApplication, type SyncTestStation } from '../helpers/sync';
import { scanPage } from '../helpers/transfer';

const e2e = new BrowserTerminal('transfer');
let platform: RunningPlatform;
let proxy: FaultProxy;
let terminal: SyncTestStation;
let page: Page;
let stick = '';
let township: SyncTestStation;
let townshipHost: BrowserHost | null = null;

before(async () => {
  const work = await e2e.prepare();
  platform = await startTestPlatform();
  proxy = await startFaultProxy({ targetPort: platform.port });
  terminal = freshStation({ sync: { soonMs: 600_000, intervalMs: 600_000 } });
  await terminal.station.call('sync.enroll', { platformUrl: proxy.url, code: await issueCode(platform) });
  await terminal.station.call('session.login', { username: PLATFORM_CADRE.username, password: PLATFORM_CADRE.password });
  for (let n = 1; n <= 3; n++) await submitApplication(terminal.station, 700 + n, [await scanPage()]);
  await terminal.station.call('session.logout', {});
  // The line is cut: nothing reaches the platform over the network from here on.
  proxy.setFaults({ refuse: true });
  township = await enrolledTownship(platform);
  e2e.station = terminal.station;
  stick = join(work, 'stick');
  page = await e2e.open({ downloads: true });
});

after(async () => {
  e2e.station = null;
  await e2e.close(townshipHost, proxy, platform);
  await terminal?.cleanup();
  await township?.cleanup();
});

test('offline for weeks, by keys: the outbox goes out on a stick and the return file comes back', { timeout: 300_000 }, async (t) => {
  const step = stepper(t, () => page, 'transfer');

  await step('网络与同步 by keys: 导出待上传数据 saves the encrypted file', async () => {
    await page.goto(e2e.host!.url);
    await loginByKeys(page, PLATFORM_CADRE, /您好/);
    await page.getByRole('button', { name: /^同步状态：/ }).focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog');
    await drawer.getByText('U盘传输（长时间不能联网时）').waitFor();
    await drawer.getByText('待上传 6 条记录、3 份扫描件。').waitFor();
    await drawer.getByRole('button', { name: /导出待上传数据/ }).focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.match(download.suggestedFilename(), /^daiban-360781102201-01-\d{8}-\d{4}-[0-9a-f]{4}\.daiban$/);
    await download.saveAs(stick);
    await drawer.getByText('已导出 6 条待上传记录和 3 份扫描件', { exact: false }).waitFor();
    await settle(page);
    await shot(page, 'transfer-01-exported');
    assert.doesNotMatch(readFileSync(stick).toString('latin1'), /王兆明|360781/, 'the stick shows nothing readable');
  });

  await step('the county imports the stick; 导入回执文件 by keys takes the answer back', async () => {
    const answer = await platform.admin.importTransfer(stick);
    assert.equal(answer.tally.accepted, 6);
    const returnFile = join(e2e.work, answer.returnFileId.slice(-8) + '.daiban');
    writeFileSync(returnFile, answer.returnFile);
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('button', { name: /导入回执文件/ }).focus();
    // Playwright starts catching the file chooser with a protocol call of its own: one round trip after asking
    // for the event makes sure it is in place before the key opens the chooser.
    const choosing = page.waitForEvent('filechooser');
    await page.evaluate(() => 0);
    await page.keyboard.press('Enter');
    const chooser = await choosing;
    await chooser.setFiles(returnFile);
    await drawer.getByText('回执已导入：6 条记录已上报省级平台（新接收 6，此前已收到 0，未接收 0）。').waitFor({ timeout: 30_000 });
    await drawer.getByText('待上传 0 条记录、0 份扫描件。').waitFor();
    // The panel's own figures and the top bar hear it at once, without a sync.
    await drawer.getByRole('row', { name: /待上传记录\s*0 条/ }).waitFor();
    await page
      .getByRole('button', { name: /^同步状态：/ })
      .getByText('待上传 0 条')
      .waitFor();
    await shot(page, 'transfer-02-return-imported');
    assert.equal(await platform.admin.applicationCount(), 3);
  });
  await step('a second trip through the township, by keys: relayed there, its return file saved and taken in at the counter', async () => {
    await submitApplication(terminal.station, 704);
    // The cadre moves on (F3, the queue: every screen change reads the status again) and opens the panel once more.
    await page.keyboard.press('Escape');
    await page.keyboard.press('F3');
    await page.getByRole('heading', { name: '申请队列' }).waitFor();
    await page.getByRole('button', { name: /^同步状态：/ }).focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog');
    await drawer.getByText('待上传 2 条记录、0 份扫描件。').waitFor();
    await drawer.getByRole('button', { name: /导出待上传数据/ }).focus();
    const [exported] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const second = join(e2e.work, 'stick-2');
    await exported.saveAs(second);

    townshipHost = await startBrowserHost({ station: township.station, staticDir: RENDERER_DIR, port: 0 });
    const t = await e2e.context!.newPage();
    await t.goto(townshipHost.url);
    await t.getByRole('heading', { name: '审核工作台' }).waitFor();
    await t.getByRole('button', { name: /^同步状态：/ }).focus();
    await t.keyboard.press('Enter');
    const panel = t.getByRole('dialog');
    await panel.getByRole('button', { name: /导入村里带来的U盘文件（代为上报）/ }).focus();
    const choosing = t.waitForEvent('filechooser');
    await t.evaluate(() => 0);
    await t.keyboard.press('Enter');
    await (await choosing).setFiles(second);
    await panel.getByText(/^已代.+上报 2 条记录（新接收 2，此前已收到 0，未接收 0）。$/).waitFor({ timeout: 30_000 });
    await settle(t);
    await shot(t, 'transfer-03-township-relayed');
    // 保存回执文件 has the focus: Enter saves the village's return file.
    const [back] = await Promise.all([t.waitForEvent('download'), t.keyboard.press('Enter')]);
    assert.match(back.suggestedFilename(), /^daiban-return-360781102201-[0-9a-f]{8}\.daiban$/);
    const returnFile = join(e2e.work, back.suggestedFilename());
    await back.saveAs(returnFile);
    await t.close();

    await page.bringToFront();
    await drawer.getByRole('button', { name: /导入回执文件/ }).focus();
    const picking = page.waitForEvent('filechooser');
    await page.evaluate(() => 0);
    await page.keyboard.press('Enter');
    await (await picking).setFiles(returnFile);
    await drawer.getByText('回执已导入：2 条记录已上报省级平台（新接收 2，此前已收到 0，未接收 0）。').waitFor({ timeout: 30_000 });
    assert.equal(await platform.admin.applicationCount(), 4);
  });
});
