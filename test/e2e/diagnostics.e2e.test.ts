/**
 * End to end, in Chromium: 系统维护 → 诊断信息 on a village terminal through the REAL renderer and the browser
 * host. The admin sees the checks and the queue, and 导出诊断包 saves a .json.gz (the 另存为PDF download path)
 * that validates and holds no resident's name or ID number. Screenshot: test-results/screenshots/diagnostics-*.png.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { diagnosticsBundleSchema } from '../../core/diagnostics/bundle';
import { createStation } from '../../station/station';
import { BrowserTerminal, loginInBrowser, shot, stepper } from '../helpers/e2e';
import { idNumber, provisionWithApplications } from '../helpers/sync';

const ADMIN = { username: 'admin01', password: 'Admin2026x', displayName: '王建华', role: 'admin' } as const;

// The station's own log file, without echoing it into the test output.
process.env.DAIBAN_LOG_STDOUT = '0';

const e2e = new BrowserTerminal('diagnostics');
let page: Page;

before(async () => {
  const work = await e2e.prepare();
  const station = (e2e.station = createStation({ dataDir: join(work, 'data'), key: randomBytes(32), sync: { autoStart: false } }));
  await provisionWithApplications(station, ADMIN, 2);
  station.ctx.log.warn(`diagnostics-e2e 王兆明 ${idNumber(1)}`);
  page = await e2e.open({ downloads: true });
});

after(() => e2e.close());

test('the admin checks the terminal and exports a diagnostics bundle without personal data', { timeout: 180_000 }, async (tc) => {
  const step = stepper(tc, () => page, 'diagnostics');

  await step('系统维护 → 诊断信息 shows integrity, queue and last sync', async () => {
    await page.goto(e2e.host!.url);
    await loginInBrowser(page, ADMIN, /您好/);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '系统维护' }).click();
    const card = page.locator('.ant-card').filter({ hasText: '诊断信息' });
    await card.getByText('正常', { exact: true }).waitFor();
    // Two applications and their two new residents wait.
    await card.getByText(/^4 条/).waitFor();
    await card.getByText('本终端尚未注册到省级平台').waitFor();
    await card.getByText(/不含群众的姓名、身份证号码/).waitFor();
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'diagnostics-01-card');
  });

  await step('导出诊断包 saves a .json.gz that validates and names nobody', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出诊断包' }).click()]);
    assert.match(download.suggestedFilename(), /^daiban-diagnostics-360781102201-01-\d{8}-\d{4}\.json\.gz$/);
    const path = join(e2e.work, 'saved.json.gz');
    await download.saveAs(path);
    const text = gunzipSync(readFileSync(path)).toString('utf8');
    const bundle = diagnosticsBundleSchema.parse(JSON.parse(text));
    assert.equal(bundle.queue.outbox.pending, 4);
    assert.ok(bundle.logs.lines.some((l) => l.includes('diagnostics-e2e')));
    for (const v of ['王兆明', idNumber(1), idNumber(2), ADMIN.displayName]) assert.ok(!text.includes(v), v);
  });
});
