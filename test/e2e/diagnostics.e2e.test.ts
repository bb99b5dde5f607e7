/**
 * End to end, in Chromium: 系统维护 → 诊断信息 on a village terminal through the REAL renderer and the browser
 * host. The admin sees the checks and the queue, and 导出诊断包 saves a .json.gz (the 另存为PDF download path)
 * that validates and holds no resident's name or ID number. Screenshot: test-results/screenshots/diagnostics-*.png.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { diagnosticsBundleSchema } from '../../core/diagnostics/bundle';
import { ensureRendererBuilt } from '../../scripts/renderer-build';
import { startBrowserHost, type BrowserHost } from '../../station/browser-host';
import { provisionStation } from '../../station/provision';
import { createStation, type Station } from '../../station/station';
import { launchChromium, loginInBrowser, RENDERER_DIR, requireChromium, ROOT, shot, stepper } from '../helpers/e2e';
import { idNumber, submitApplication } from '../helpers/sync';

const ADMIN = { username: 'admin01', password: 'Admin2026x', displayName: '王建华', role: 'admin' } as const;

// The station's own log file, without echoing it into the test output.
process.env.DAIBAN_LOG_STDOUT = '0';

let work: string;
let station: Station | null = null;
let host: BrowserHost | null = null;
let context: BrowserContext | null = null;
let page: Page;

before(async () => {
  requireChromium();
  await ensureRendererBuilt(ROOT, () => undefined);
  work = mkdtempSync(join(tmpdir(), 'daiban-e2e-diagnostics-'));
  station = createStation({ dataDir: join(work, 'data'), key: randomBytes(32), sync: { autoStart: false } });
  await provisionStation(station, {
    servicePoint: { name: '瑞金市叶坪乡华屋村为民服务代办点', divisionCode: '360781102201', terminalNo: 1 },
    catalog: SEED_CATALOG,
    users: [ADMIN],
  });
  await station.call('session.login', { username: ADMIN.username, password: ADMIN.password });
  await submitApplication(station, 1);
  await submitApplication(station, 2);
  station.ctx.log.warn(`diagnostics-e2e 王兆明 ${idNumber(1)}`);
  await station.call('session.logout', {});
  host = await startBrowserHost({ station, staticDir: RENDERER_DIR, port: 0 });
  ({ context, page } = await launchChromium(work, { downloads: true }));
});

after(async () => {
  await context?.close().catch(() => undefined);
  await host?.close().catch(() => undefined);
  await station?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the admin checks the terminal and exports a diagnostics bundle without personal data', { timeout: 180_000 }, async (tc) => {
  const step = stepper(tc, () => page, 'diagnostics');

  await step('系统维护 → 诊断信息 shows integrity, queue and last sync', async () => {
    await page.goto(host!.url);
    await loginInBrowser(page, ADMIN, /您好/);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '系统维护' }).click();
    const card = page.locator('.ant-card').filter({ hasText: '诊断信息' });
    await card.getByText('正常', { exact: true }).waitFor();
    await card.getByText(/^2 条/).waitFor();
    await card.getByText('本终端尚未注册到省级平台').waitFor();
    await card.getByText(/不含群众的姓名、身份证号码/).waitFor();
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'diagnostics-01-card');
  });

  await step('导出诊断包 saves a .json.gz that validates and names nobody', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出诊断包' }).click()]);
    assert.match(download.suggestedFilename(), /^daiban-diagnostics-360781102201-01-\d{8}-\d{4}\.json\.gz$/);
    const path = join(work, 'saved.json.gz');
    await download.saveAs(path);
    const text = gunzipSync(readFileSync(path)).toString('utf8');
    const bundle = diagnosticsBundleSchema.parse(JSON.parse(text));
    assert.equal(bundle.queue.outbox.pending, 2);
    assert.ok(bundle.logs.lines.some((l) => l.includes('diagnostics-e2e')));
    for (const v of ['王兆明', idNumber(1), idNumber(2), ADMIN.displayName]) assert.ok(!text.includes(v), v);
  });
});
