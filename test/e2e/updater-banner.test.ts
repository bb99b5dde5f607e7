/**
 * End to end: the update banner (renderer/updates/UpdateBanner.tsx) in the REAL renderer in Chromium, behind
 * the browser host, with the demo terminal's station given a scripted update engine (the browser host has none
 * of its own). Shows: a quiet progress line while downloading; once ready, "新版本 … 已下载，下次启动时自动安装。"
 * with 「现在重启并安装」; the button disabled with an explanation inside a form; confirming it closes the
 * station and then asks the engine to install.
 *
 * Needs Debian's Chromium (/usr/bin/chromium). Screenshots: test-results/screenshots/updater-*.png.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { DEMO_CADRE, provisionDemoIfNeeded } from '../../station/setup/demo-data';
import { createStation } from '../../station/station';
import type { UpdateEngine, UpdateEngineEvent, UpdateEngineListener } from '../../station/updates/engine';
import { BrowserTerminal, loginInBrowser, settle, shot as shotOf, stepper } from '../helpers/e2e';

/** An engine the test drives by hand: the events electron-updater would send, and a recorded install. */
class ScriptedEngine implements UpdateEngine {
  readonly currentVersion = '1.0.0';
  installs = 0;
  private readonly listeners = new Set<UpdateEngineListener>();
  configure(): void {}
  async check(): Promise<void> {}
  setInstallOnQuit(): void {}
  quitAndInstall(): boolean {
    this.installs++;
    return true;
  }
  subscribe(l: UpdateEngineListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  emit(e: UpdateEngineEvent): void {
    for (const l of this.listeners) l(e);
  }
}

const e2e = new BrowserTerminal('updater');
let page: Page;
const engine = new ScriptedEngine();
const shot = (name: string) => shotOf(page, `updater-${name}`);

before(async () => {
  const work = await e2e.prepare();
  const station = (e2e.station = createStation({ dataDir: join(work, 'terminal'), key: randomBytes(32), log: pino({ level: 'silent' }), updates: { engine } }));
  await provisionDemoIfNeeded(station);
  page = await e2e.open();
});

after(() => e2e.close());

test('update banner: quiet download, ready banner, no restart inside a form, restart after confirmation', async (t) => {
  const step = stepper(t, () => page, 'updater');
  const banner = () => page.getByRole('alert').filter({ hasText: '已下载' });
  const installButton = () => banner().getByRole('button', { name: '现在重启并安装' });

  await step('nothing is shown while nothing is downloading', async () => {
    await page.goto(e2e.host!.url);
    await loginInBrowser(page, DEMO_CADRE, /您好/);
    assert.equal(await page.getByText('新版本').count(), 0);
  });

  await step('downloading: one quiet line with the progress', async () => {
    engine.emit({ type: 'checking' });
    engine.emit({ type: 'available', version: '1.1.0', releaseNotes: '回执增加二维码' });
    engine.emit({ type: 'progress', percent: 42.7 });
    const line = page.getByRole('status', { name: '正在下载新版本' });
    await line.getByText('正在后台下载新版本 1.1.0').waitFor();
    await line.getByText('42%').waitFor();
    assert.equal(await page.getByRole('button', { name: '现在重启并安装' }).count(), 0, 'no button while downloading');
    await shot('01-downloading');
  });

  await step('ready: the banner says it installs on the next start and offers a restart', async () => {
    engine.emit({ type: 'downloaded', version: '1.1.0', releaseNotes: '回执增加二维码' });
    await banner().getByText('新版本 1.1.0 已下载，下次启动时自动安装。').waitFor();
    assert.ok(await installButton().isEnabled());
    await shot('02-ready');
  });

  await step('inside a form the button is disabled and the tooltip says why', async () => {
    await page.getByRole('button', { name: '受理新申请' }).first().click();
    await page.getByRole('heading', { name: /受理新申请/ }).waitFor();
    assert.ok(await installButton().isDisabled());
    await installButton().locator('xpath=..').hover();
    await page
      .getByRole('tooltip')
      .getByText(/请先完成或离开当前表单/)
      .waitFor();
    await shot('03-disabled-in-form');
  });

  await step('confirmed on the home screen: the station closes, then the engine installs', async () => {
    await page.getByRole('button', { name: '首页' }).first().click();
    await page.getByRole('heading', { name: /您好/ }).waitFor();
    await installButton().click();
    const dialog = page.getByRole('dialog').filter({ hasText: '现在重启并安装新版本？' });
    await dialog.getByText(/安装版本 1\.1\.0 后自动重新打开/).waitFor();
    await settle(page);
    await shot('04-confirm');
    assert.equal(engine.installs, 0, 'nothing before the cadre confirms');
    await dialog.getByRole('button', { name: '重启并安装' }).click();
    await page.getByText('正在重启…').waitFor();
    const end = Date.now() + 5000;
    while (engine.installs === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    assert.equal(engine.installs, 1);
    // The store was closed before the installer ran.
    assert.throws(() => e2e.station!.ctx.db.prepare('SELECT 1').get());
  });
});
