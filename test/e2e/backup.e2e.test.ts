/**
 * End to end, in Chromium: 系统维护 → 数据备份 on a village terminal through the REAL renderer and the browser
 * host. The admin makes a backup (listed as 手动, 已校验), more work is done, then 恢复 shows what will be lost
 * before it asks for the password, the store is swapped, and the app starts over at the login screen with
 * the backed-up data. Screenshots: test-results/screenshots/backup-*.png.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createStation } from '../../station/station';
import { BrowserTerminal, loginInBrowser, settle, shot, stepper } from '../helpers/e2e';
import { silentLog } from '../helpers/station';
import { provisionWithApplications, submitApplication } from '../helpers/sync';

const ADMIN = { username: 'admin01', password: 'Admin2026x', displayName: '王建华', role: 'admin' } as const;

const e2e = new BrowserTerminal('backup');
let page: Page;

before(async () => {
  const work = await e2e.prepare();
  const station = (e2e.station = createStation({
    dataDir: join(work, 'data'),
    key: randomBytes(32),
    log: silentLog,
    sync: { autoStart: false },
    backups: { autoStart: false },
  }));
  await provisionWithApplications(station, ADMIN, 2);
  page = await e2e.open();
});

after(() => e2e.close());

test('the admin backs up, then restores with the loss shown first', { timeout: 180_000 }, async (tc) => {
  const step = stepper(tc, () => page, 'backup');

  await step('系统维护 → 立即备份: a verified manual backup is listed', async () => {
    await page.goto(e2e.host!.url);
    await loginInBrowser(page, ADMIN, /您好/);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '系统维护' }).click();
    await page.getByRole('heading', { name: '系统维护' }).waitFor();
    await page.getByRole('button', { name: '立即备份' }).click();
    const row = page.locator('.ant-table-row').filter({ hasText: '手动' });
    await row.filter({ hasText: '已校验' }).waitFor();
    await row.filter({ hasText: '2件申请' }).waitFor();
    await shot(page, 'backup-01-list');
  });

  await step('恢复 shows what would be lost and asks for the password', async () => {
    // Work after the backup, never synced: one more submission.
    await e2e.station!.call('session.login', { username: ADMIN.username, password: ADMIN.password });
    await submitApplication(e2e.station!, 3);
    await page
      .locator('.ant-table-row')
      .filter({ hasText: '手动' })
      .getByRole('button', { name: /恢\s*复/ })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('备份之后本机新增了1件申请').waitFor();
    await dialog.getByText(/1件尚未上报/).waitFor();
    await settle(page);
    await shot(page, 'backup-02-restore-confirm');
    await dialog.getByRole('button', { name: /确认恢复/ }).click();
    await dialog.getByText('请输入您的登录密码').first().waitFor();
    await dialog.getByLabel('您的登录密码').fill('wrong-password');
    await dialog.getByRole('button', { name: /确认恢复/ }).click();
    await dialog.getByText('密码不正确，没有进行恢复。').waitFor();
  });

  await step('the store is restored and the app starts over at the login screen', async () => {
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('您的登录密码').fill(ADMIN.password);
    await dialog.getByRole('button', { name: /确认恢复/ }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: '数据已恢复' }).waitFor();
    await settle(page);
    await shot(page, 'backup-03-restored');
    await page.getByRole('button', { name: '重新登录' }).click();
    await page.getByLabel('账号').waitFor();
    assert.equal(e2e.station!.ctx.db.prepare('SELECT count(*) FROM applications').pluck().get(), 2);
    await loginInBrowser(page, ADMIN, /您好/);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '系统维护' }).click();
    await page.locator('.ant-table-row').filter({ hasText: '恢复前' }).filter({ hasText: '3件申请' }).waitFor();
    await shot(page, 'backup-04-after');
  });
});
