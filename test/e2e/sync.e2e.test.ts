/**
 * End to end: first run of a village terminal through the REAL renderer in Chromium (DESIGN.md §1 IT staff
 * journey, §5). A reference platform runs in memory (PGlite) with an enrollment code, a cadre account and the
 * seed catalog; a FRESH, never-provisioned station sits behind the browser host. In Chromium: the enrollment
 * screen comes up by itself, a wrong code is refused in Chinese and keeps what was typed, the right code
 * sets the service point up, the cadre logs in with the account that came down from the platform, the sync
 * panel shows 已连接 and nothing pending; then an application with a scan is queued and 立即同步 takes the
 * queue to 0. A second test takes the other way in: a terminal that already has local accounts (the demo
 * terminal) is enrolled by its admin from the sync panel, and then accepts the platform's cadre account.
 *
 * Needs Debian's Chromium (/usr/bin/chromium): scripts/install-system-deps.sh.
 * Screenshots at 1366×768 go to test-results/screenshots/sync-*.png.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pino from 'pino';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { startPlatform } from '../../platform/index';
import { DEMO_ADMIN, openDemoTerminal } from '../../scripts/demo-terminal';
import { startBrowserHost, type BrowserHost } from '../../station/browser-host';
import { createStation } from '../../station/station';
import { allMaterials, validValues } from '../helpers/forms';
import { BrowserTerminal, RENDERER_DIR, shot as shotOf, stepper } from '../helpers/e2e';

const VILLAGE = '360781102201';
const POINT_NAME = '瑞金市叶坪乡华屋村为民服务代办点';
const CADRE = { username: 'cadre01', displayName: '李春梅', password: 'Daiban2026' } as const;

type Platform = Awaited<ReturnType<typeof startPlatform>>;

const e2e = new BrowserTerminal('sync');
let platform: Platform | null = null;
let page: Page;
let code = '';

const shot = (name: string) => shotOf(page, `sync-${name}`);
/** The drawer slides in: let the motion end before the picture. */
async function drawerShot(name: string): Promise<void> {
  await page.locator('.ant-drawer-content-wrapper').waitFor();
  await page.waitForFunction(() => !document.querySelector('[class*="ant-drawer-panel-motion"]'));
  await page.waitForTimeout(150);
  await shot(name);
}

before(async () => {
  const work = await e2e.prepare();
  platform = await startPlatform({ log: false });
  ({ code } = await platform.admin.issueEnrollmentCode({ divisionCode: VILLAGE, role: 'village', servicePointName: POINT_NAME }));
  await platform.admin.createAccount({
    username: CADRE.username,
    displayName: CADRE.displayName,
    role: 'cadre',
    divisionCode: VILLAGE,
    password: CADRE.password,
  });
  await platform.admin.publishCatalog(SEED_CATALOG);
  // The agent still probes and syncs by itself, but not within the test's few seconds after a submission,
  // so the queue is seen waiting before 立即同步 sends it.
  const sync = { soonMs: 10 * 60_000, intervalMs: 10 * 60_000 };
  e2e.station = createStation({ dataDir: join(work, 'terminal'), key: randomBytes(32), log: pino({ level: 'silent' }), sync });
  page = await e2e.open();
});

after(() => e2e.close(platform));

/** As a cadre types a code off a note: lower case, with spaces. */
function typedLikeACadre(c: string): string {
  return c.toLowerCase().replace(/(.{4})(?=.)/g, '$1 ');
}

test('a fresh terminal enrolls, logs in with a platform account and syncs its queue', { timeout: 300_000 }, async (t) => {
  const step = stepper(t, () => page, 'sync');
  const platformUrl = () => platform!.url;

  await step('a terminal never set up opens on the enrollment screen', async () => {
    await page.goto(e2e.host!.url);
    await page.getByRole('heading', { name: '首次使用：接入省级平台' }).waitFor();
    assert.ok(await page.getByLabel('省级平台地址').evaluate((el) => el === document.activeElement), 'the address has focus');
    await shot('01-enroll');
  });

  await step('a wrong code is refused in Chinese and nothing typed is lost', async () => {
    await page.getByLabel('省级平台地址').fill(platformUrl());
    await page.getByLabel('注册码').fill('wrong-code-0000');
    assert.equal(await page.getByLabel('注册码').inputValue(), 'WRONG-CODE-0000', 'the code is upper-cased as it is typed');
    await page.getByRole('button', { name: /接\s*入/ }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /注册码/ })
      .waitFor();
    assert.equal(await page.getByLabel('省级平台地址').inputValue(), platformUrl());
    assert.equal(await page.getByLabel('注册码').inputValue(), 'WRONG-CODE-0000');
    await shot('02-enroll-wrong-code');
  });

  await step('a bad address is marked under its field', async () => {
    await page.getByLabel('省级平台地址').fill('daiban.gov.cn');
    await page.getByRole('button', { name: /接\s*入/ }).click();
    await page.getByText('平台地址应以 http:// 或 https:// 开头', { exact: false }).waitFor();
    await shot('03-enroll-bad-address');
  });

  await step('the right code sets the service point up', async () => {
    await page.getByLabel('省级平台地址').fill(platformUrl());
    await page.getByLabel('注册码').fill(typedLikeACadre(code));
    await page.getByRole('button', { name: /接\s*入/ }).click();
    await page.getByText('已接入省级平台').waitFor({ timeout: 60_000 });
    await page.getByText(POINT_NAME).waitFor();
    await page.getByText(VILLAGE).waitFor();
    await shot('04-enrolled');
  });

  await step('the cadre logs in with the account that came from the platform', async () => {
    await page.getByRole('button', { name: '去登录' }).click();
    await page.getByLabel('账号').fill(CADRE.username);
    await page.getByLabel('密码').fill(CADRE.password);
    await page.getByLabel('密码').press('Enter');
    await page.getByRole('heading', { name: /您好/ }).waitFor();
    await page.getByText(POINT_NAME).first().waitFor();
  });

  await step('the sync panel shows 已连接 and nothing pending', async () => {
    const status = page.getByRole('button', { name: /^同步状态：/ });
    await page.getByRole('button', { name: '同步状态：已连接，点击查看详情' }).waitFor({ timeout: 60_000 });
    await status.getByText('待上传 0 条').waitFor();
    await shot('05-home-online');
    await status.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('网络与同步').waitFor();
    await drawer.getByText('已连接').waitFor();
    await drawer.getByRole('row', { name: /待上传记录\s*0 条/ }).waitFor();
    await drawerShot('06-sync-drawer');
    await drawer.getByRole('button', { name: /关\s*闭|Close/ }).click();
  });

  await step('an application waits; 立即同步 sends it and the count goes to 0', async () => {
    // The intake itself is driven through the UI by intake.e2e; here it goes through the same station API.
    const s = e2e.station!;
    const resident = await s.call('residents.register', { idNumber: '11010519491231002X', name: '王秀英', phone: '13907971234' });
    const item = await s.call('catalog.get', { code: 'MZ-0001' });
    const draft = await s.call('applications.createDraft', { residentId: resident.id, itemCode: item.code });
    await s.call('applications.saveDraft', { id: draft.id, form: validValues(item.form.fields), materials: allMaterials(item) });
    const scan = await sharp({ create: { width: 600, height: 800, channels: 3, background: '#f4f1e8' } })
      .png()
      .toBuffer();
    await s.call('attachments.add', { applicationId: draft.id, fileName: '户口簿.png', mimeType: 'image/png', dataBase64: scan.toString('base64') });
    const submitted = await s.call('applications.submit', { id: draft.id });
    assert.ok(submitted.receiptNo);

    // Any screen change re-reads the status: the top bar now counts what waits, the new resident and the application.
    await page.getByRole('button', { name: '申请队列' }).first().click();
    const status = page.getByRole('button', { name: /^同步状态：/ });
    await status.getByText('待上传 2 条').waitFor();
    await status.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('row', { name: /待上传记录\s*2 条/ }).waitFor();
    await drawer.getByRole('row', { name: /待上传附件\s*1 个/ }).waitFor();
    await drawerShot('07-sync-drawer-pending');
    await drawer.getByRole('button', { name: '立即同步' }).click();
    await drawer.getByText('同步完成，所有记录都已上传到省级平台。').waitFor({ timeout: 60_000 });
    await drawer.getByRole('row', { name: /待上传记录\s*0 条/ }).waitFor();
    await drawer.getByRole('row', { name: /待上传附件\s*0 个/ }).waitFor();
    await drawer.getByRole('row', { name: /上次成功同步\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}/ }).waitFor();
    await drawerShot('08-sync-drawer-synced');
    assert.equal(await platform!.admin.applicationCount(), 1, 'the platform holds the application');
    await drawer.getByRole('button', { name: /关\s*闭|Close/ }).click();
    await status.getByText('待上传 0 条').waitFor();
  });
});

test('a terminal with local accounts is enrolled by its admin from the sync panel', { timeout: 300_000 }, async (t) => {
  const step = stepper(t, () => page, 'sync-admin');
  let demo: Awaited<ReturnType<typeof openDemoTerminal>> | null = null;
  let demoHost: BrowserHost | null = null;
  t.after(async () => {
    await demoHost?.close().catch(() => undefined);
    await demo?.station.close();
  });
  demo = await openDemoTerminal(join(e2e.work, 'demo'), { log: pino({ level: 'silent' }), warn: () => undefined });
  demoHost = await startBrowserHost({ station: demo.station, staticDir: RENDERER_DIR, port: 0 });
  const second = await platform!.admin.issueEnrollmentCode({ divisionCode: VILLAGE, role: 'village', servicePointName: POINT_NAME });

  await step('the login screen says the terminal is not enrolled and who connects it', async () => {
    await page.goto(demoHost!.url);
    await page.getByLabel('账号').waitFor();
    await page.getByText('本机尚未接入省级平台：请管理员登录后').waitFor();
  });

  await step('the admin logs in; the sync panel explains and offers 接入省级平台', async () => {
    await page.getByLabel('账号').fill(DEMO_ADMIN.username);
    await page.getByLabel('密码').fill(DEMO_ADMIN.password);
    await page.getByLabel('密码').press('Enter');
    await page.getByRole('heading', { name: /您好/ }).waitFor();
    await page.getByRole('button', { name: '同步状态：未接入省级平台，点击查看详情' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('本机尚未接入省级平台').first().waitFor();
    assert.ok(await drawer.getByRole('button', { name: '立即同步' }).isDisabled(), '立即同步 is disabled while not enrolled');
    await drawerShot('09-drawer-not-enrolled');
    await drawer.getByRole('button', { name: '接入省级平台' }).click();
    await drawer.getByLabel('省级平台地址').fill(platform!.url);
    await drawer.getByLabel('注册码').fill(second.code.replace(/-/g, ''));
    await drawer.getByRole('button', { name: /接\s*入/ }).click();
    await drawer.getByText('已接入省级平台').waitFor({ timeout: 60_000 });
    await drawer.getByText('终端编号').waitFor();
    await drawerShot('10-drawer-enrolled');
  });

  await step('after 重新登录 the cadre account from the platform works on this terminal', async () => {
    await page.getByRole('dialog').getByRole('button', { name: '重新登录' }).click();
    await page.getByLabel('账号').waitFor();
    assert.equal(await page.getByText('本机尚未接入省级平台').count(), 0);
    await page.getByLabel('账号').fill(CADRE.username);
    await page.getByLabel('密码').fill(CADRE.password);
    await page.getByLabel('密码').press('Enter');
    await page.getByRole('heading', { name: /您好/ }).waitFor();
    await page.getByRole('button', { name: /^同步状态：已连接/ }).waitFor({ timeout: 60_000 });
  });
});
