/**
 * End to end: the IT console (运维控制台) through the REAL renderer in Chromium. A reference platform (PGlite)
 * holds a county IT account, a village terminal enrolled through a fault proxy (so the link can be cut), a few
 * protocol-level terminals whose heartbeats raise every kind of flag (one silent for four days on a clock
 * moved back), and two releases. In Chromium the IT worker logs in, reads the fleet, filters it, sets a
 * channel, pulls a diagnostics bundle, issues an enrollment code, creates and disables an account, publishes
 * the catalog, pauses a release and edits its staging; then the session expires and the link goes down, and
 * the console asks for the password with the reason. Last, the terminal's admin sees 系统维护 in the menu.
 *
 * Needs Debian's Chromium (/usr/bin/chromium): scripts/install-system-deps.sh.
 * Screenshots at 1366×768 go to test-results/screenshots/it-*.png.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pino from 'pino';
import type { Page } from 'playwright-core';
import type { HeartbeatRequest } from '../../core/sync/protocol';
import type { RunningPlatform } from '../../platform/index';
import { itTokenForTest } from '../../station/it/admin-session';
import { createStation } from '../../station/station';
import { BrowserTerminal, loginInBrowser, logoutInBrowser, settle, shot as shotOf, stepper } from '../helpers/e2e';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { enrollTerminal, type TestTerminal } from '../helpers/platform';
import { PLATFORM_ADMIN, startTestPlatform, SYNC_VILLAGE } from '../helpers/sync';

const IT = { username: 'it_ruijin', displayName: '张运维', password: 'Yunwei2026x', role: 'it', divisionCode: '360781' } as const;
const POINT = '瑞金市叶坪乡华屋村为民服务代办点';
const GiB = 1024 ** 3;
const DAY = 24 * 3600_000;

const e2e = new BrowserTerminal('it');
let platform: RunningPlatform | null = null;
let proxy: FaultProxy | null = null;
let page: Page;
/** The platform's clock runs this far from the real one (moved back to make a terminal silent). */
let offsetMs = 0;

const shot = (name: string) => shotOf(page, `it-${name}`);

function heartbeat(t: TestTerminal, o: Partial<HeartbeatRequest> & { skewMs?: number } = {}): Promise<void> {
  const { skewMs = 0, ...rest } = o;
  const now = new Date(Date.now() + offsetMs);
  const body: HeartbeatRequest = {
    appVersion: '1.0.0',
    queueDepth: 0,
    invalidCount: 0,
    lastSyncAt: now.toISOString(),
    freeDiskBytes: 120 * GiB,
    auditHead: { seq: 10, hash: 'a'.repeat(64) },
    deviceTime: new Date(now.getTime() + skewMs).toISOString(),
    ...rest,
  };
  return t.request('POST', '/v1/heartbeat', { json: body }).then((r) => assert.equal(r.status, 200, r.bytes.toString()));
}

async function publishRelease(p: RunningPlatform, version: string): Promise<string> {
  const dir = join(e2e.work, `build-${version}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `daiban-${version}-win-x64.exe`), randomBytes(4096));
  writeFileSync(join(dir, `daiban-${version}-linux-x86_64.AppImage`), randomBytes(4096));
  return (await p.releases.publish({ dir, channel: 'stable', notes: `${version} 修复若干问题` })).id;
}

before(async () => {
  const work = await e2e.prepare();
  const p = (platform = await startTestPlatform({ now: () => new Date(Date.now() + offsetMs) }));
  await p.admin.createAccount(IT);

  // Four days ago: a terminal that reported once and then went quiet.
  offsetMs = -4 * DAY;
  const clock = () => new Date(Date.now() + offsetMs);
  const gone = await enrollTerminal(p, { divisionCode: '360781104203', clock, name: '沙洲坝村三组代办点' });
  await heartbeat(gone, { appVersion: '0.9.0' });
  offsetMs = 0;
  const fast = await enrollTerminal(p, { divisionCode: '360781102202', clock, name: '叶坪乡洋溪村代办点' });
  await heartbeat(fast, { skewMs: 7 * 60_000 + 12_000, freeDiskBytes: Math.round(1.2 * GiB) });
  const slow = await enrollTerminal(p, { divisionCode: '360781104201', clock, name: '沙洲坝村代办点' });
  await heartbeat(slow, { skewMs: -40_000, queueDepth: 12, invalidCount: 2 });
  const township = await enrollTerminal(p, { divisionCode: '360781102', role: 'township', clock, name: '叶坪乡便民服务中心' });
  await heartbeat(township, { skewMs: 2_000, freeDiskBytes: 38 * GiB });

  await publishRelease(p, '1.0.0');
  await publishRelease(p, '1.1.0');

  proxy = await startFaultProxy({ targetPort: Number(new URL(p.url).port) });
  const sync = { soonMs: 60 * 60_000, intervalMs: 60 * 60_000 };
  const station = (e2e.station = createStation({ dataDir: join(work, 'terminal'), key: randomBytes(32), log: pino({ level: 'silent' }), sync }));
  const { code } = await p.admin.issueEnrollmentCode({ divisionCode: SYNC_VILLAGE, role: 'village', servicePointName: POINT });
  await station.call('sync.enroll', { platformUrl: proxy.url, code });
  page = await e2e.open({ downloads: true });
});

after(() => e2e.close(proxy, platform));

const tab = (name: string) => page.getByRole('tab', { name }).click();
const row = (text: string) => page.locator('.ant-table-row', { hasText: text });
/**
 * Answers a confirmation with the button named `name`, once it has finished opening: a click while it
 * still zooms in was lost once on a loaded machine (the dialog stayed, its action never ran).
 */
async function confirmWith(name: RegExp): Promise<void> {
  await page.getByRole('dialog').waitFor();
  await settle(page);
  await page.getByRole('dialog').getByRole('button', { name }).click();
}

test('the IT worker runs the county from a village terminal', { timeout: 600_000 }, async (t) => {
  const step = stepper(t, () => page, 'it');

  await step('IT logs in and the console opens on the fleet', async () => {
    await page.goto(e2e.host!.url);
    await loginInBrowser(page, IT, '运维控制台');
    const nav = page.getByRole('navigation', { name: '主菜单' });
    await nav.getByRole('button', { name: '运维控制台' }).waitFor();
    await nav.getByRole('button', { name: '系统维护' }).waitFor();
    await page.getByText('已连接省级平台').waitFor();
    await row(POINT).waitFor();
    await row('叶坪乡洋溪村代办点').getByText('时钟偏差超过5分钟').waitFor();
    await row('叶坪乡洋溪村代办点').getByText('磁盘空间不足2GB').waitFor();
    await row('叶坪乡洋溪村代办点').getByText('快7分12秒').waitFor();
    await row('沙洲坝村三组代办点').getByText('失联超过3天').waitFor();
    await row('沙洲坝村三组代办点').getByText('4天前').first().waitFor();
    await row('叶坪乡便民服务中心').getByText('正常').waitFor();
    await shot('01-fleet');
  });

  await step('只看有问题的 leaves the terminals with flags', async () => {
    await page.getByRole('checkbox', { name: '只看有问题的' }).check();
    await row(POINT).waitFor({ state: 'detached' });
    await row('沙洲坝村三组代办点').waitFor();
    assert.equal(await row('叶坪乡便民服务中心').count(), 0);
    await shot('02-fleet-problems');
    await page.getByRole('checkbox', { name: '只看有问题的' }).uncheck();
  });

  await step('a terminal is put on the pilot channel', async () => {
    await row(POINT).getByRole('button', { name: '更新通道' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('更新通道').fill('pilot');
    await settle(page);
    await shot('03-channel');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('更新通道设为 pilot').waitFor();
    await row(POINT).getByText('pilot').waitFor();
  });

  await step('a diagnostics bundle is requested, sent on the next sync, and downloaded', async () => {
    await row(POINT).getByRole('button', { name: '请求诊断包' }).click();
    await page.getByText('已请求').first().waitFor();
    await row(POINT).getByText('已请求，待上传').waitFor();
    await e2e.station!.sync.syncNow();
    await page.getByRole('button', { name: '刷新' }).click();
    const download = row(POINT).getByRole('button', { name: '下载诊断包' });
    await page.waitForFunction((name) => {
      const rows = [...document.querySelectorAll('.ant-table-row')].filter((r) => r.textContent?.includes(name));
      return rows.some((r) => [...r.querySelectorAll('button')].some((b) => b.textContent?.includes('下载诊断包') && !b.disabled));
    }, POINT);
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    assert.match(file.suggestedFilename(), /^诊断包-.+\.json$/);
    const bundle = JSON.parse(readFileSync(await file.path(), 'utf8')) as Record<string, unknown>;
    assert.ok(Object.keys(bundle).length > 0, 'the bundle is JSON');
  });

  await step('an enrollment code is issued and shown once, large', async () => {
    await tab('注册码');
    await page.getByLabel('村（社区）区划代码').fill('36078110220');
    await page.getByLabel('服务点名称').fill('叶坪乡华屋村二组代办点');
    await page.getByRole('button', { name: '生成注册码' }).click();
    await page.getByText('村代办点的区划代码应为12位数字').waitFor();
    await page.getByLabel('村（社区）区划代码').fill('360781102203');
    await page.getByRole('button', { name: '生成注册码' }).click();
    const code = page.getByLabel('新注册码');
    await code.waitFor();
    assert.match((await code.textContent()) ?? '', /^[A-Z0-9-]{6,}$/);
    await page.getByText('有效期至').waitFor();
    await shot('04-code');
  });

  await step('an account is created with a generated password, then disabled', async () => {
    await tab('账号');
    await row('cadre01').waitFor();
    await page.getByRole('button', { name: '新建账号' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill('刘晓梅');
    await dialog.getByLabel('登录账号').fill('cadre_liu');
    await dialog.getByLabel('区划代码').fill('360781102201');
    await settle(page);
    await shot('05-account-form');
    await dialog
      .getByRole('button', { name: '创 建' })
      .or(dialog.getByRole('button', { name: '创建' }))
      .click();
    await page.getByRole('dialog', { name: '账号已创建' }).waitFor();
    const password = (await page.getByLabel('生成的密码').textContent()) ?? '';
    assert.ok(password.length >= 8, 'the generated password is shown');
    await settle(page);
    await shot('06-account-password');
    await page.getByRole('button', { name: '我已记下' }).click();
    await row('cadre_liu').getByRole('button', { name: '停用' }).click();
    await confirmWith(/^停\s*用$/);
    await row('cadre_liu').getByText('已停用').waitFor();
    await shot('07-accounts');
  });

  await step('the seed catalog is published', async () => {
    await tab('事项目录');
    await page.getByRole('button', { name: '发布内置事项目录' }).click();
    await confirmWith(/发\s*布/);
    await page.getByRole('status').filter({ hasText: '事项目录' }).waitFor();
    await settle(page);
    await shot('08-catalog');
  });

  await step('a release is paused and its staging narrowed to one township', async () => {
    await tab('版本发布');
    const newest = row('1.1.0');
    await newest.getByText('发布中').waitFor();
    await newest.getByRole('button', { name: '暂停' }).click();
    await confirmWith(/^暂停推送$/);
    await newest.getByText('已暂停').waitFor();
    await newest.getByRole('button', { name: '分批' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('推送比例').fill('20');
    await dialog.getByLabel('限定区划').fill('360781102');
    await dialog.getByLabel('限定区划').press('Enter');
    await settle(page);
    await shot('09-staging');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await newest.getByText('360781102').waitFor();
    await newest.getByText('20%').waitFor();
    await shot('10-releases');
  });

  await step('an expired platform session brings the password prompt back', async () => {
    const token = itTokenForTest(e2e.station!.ctx);
    assert.ok(token);
    const res = await fetch(`${platform!.url}/admin/v1/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 204);
    await page.getByRole('button', { name: '刷新' }).click();
    await page.getByText('与省级平台的登录已过期，请重新输入密码。').waitFor();
    await shot('11-expired');
    await page.getByLabel('登录密码').fill(IT.password);
    await page.getByLabel('登录密码').press('Enter');
    await page.getByText('已连接省级平台').waitFor();
    // Back where the worker was.
    await row('1.1.0').getByText('已暂停').waitFor();
  });

  await step('offline at login: IT staff are told the platform is unreachable; once it is back they log in', async () => {
    await logoutInBrowser(page);
    proxy!.setFaults({ refuse: true });
    proxy!.dropAll();
    await page.getByLabel('账号', { exact: true }).fill(IT.username);
    await page.getByLabel('密码', { exact: true }).fill(IT.password);
    await page.getByRole('checkbox', { name: /运维人员登录/ }).press('Space');
    await page.getByLabel('密码', { exact: true }).press('Enter');
    await page
      .getByRole('alert')
      .getByText(/无法连接省级平台/)
      .waitFor();
    await shot('12-offline');
    proxy!.setFaults({});
    await page.getByLabel('密码', { exact: true }).press('Enter');
    await page.getByRole('heading', { name: '运维控制台' }).waitFor();
    await page.getByText('已连接省级平台').waitFor();
  });

  await step('统计 by keys: IT staff see the terminal’s figures, without the ledger (a county terminal shows the county’s)', async () => {
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '统计' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /统计/ }).waitFor();
    await page.getByText('申请总数').waitFor();
    assert.equal(await page.getByRole('button', { name: /导出台账|打印台账/ }).count(), 0, 'the ledger names residents');
    await settle(page);
    await shot('12b-stats');
  });

  await step('the village admin gets 系统维护 in the menu', async () => {
    await logoutInBrowser(page);
    await loginInBrowser(page, PLATFORM_ADMIN, /您好/);
    const nav = page.getByRole('navigation', { name: '主菜单' });
    await nav.getByRole('button', { name: '系统维护' }).click();
    assert.equal(await nav.getByRole('button', { name: '运维控制台' }).count(), 0);
    await page.getByText('正在打开…').waitFor({ state: 'detached' });
    await settle(page);
    await shot('13-admin-maintenance');
  });
});
