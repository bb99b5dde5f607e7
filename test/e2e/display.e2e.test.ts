/**
 * End to end, in Chromium: the counter's screens at 1366×768 with the terminal's type set to 标准 and to 大
 * (and 特大 with high contrast for the form), each checked not to scroll sideways (shot() fails if it does).
 * Screenshots: test-results/screenshots/display-<size>-*.png.
 */
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { DisplaySettings } from '../../core/api/views';
import { BrowserTerminal, loginInBrowser, settle, shot } from '../helpers/e2e';
import { allMaterials, validValues } from '../helpers/forms';
import { CADRE } from '../helpers/station';
import { idNumber } from '../helpers/sync';

process.env.DAIBAN_LOG_STDOUT = '0';

const e2e = new BrowserTerminal('display');
let page: Page;

before(async () => {
  const station = await e2e.prepareVillage();
  await station.call('session.login', { username: CADRE.username, password: CADRE.password });
  const item = await station.call('catalog.get', { code: 'MZ-0001' });
  const r1 = await station.call('residents.register', { idNumber: idNumber(31), name: '钟桂香', phone: '13907971234' });
  const draft = await station.call('applications.createDraft', { residentId: r1.id, itemCode: item.code });
  await station.call('applications.saveDraft', { id: draft.id, form: validValues(item.form.fields), materials: {} });
  const r2 = await station.call('residents.register', { idNumber: idNumber(32), name: '刘德福' });
  const second = await station.call('applications.createDraft', { residentId: r2.id, itemCode: item.code });
  await station.call('applications.saveDraft', { id: second.id, form: validValues(item.form.fields), materials: allMaterials(item) });
  await station.call('applications.submit', { id: second.id });
  await station.call('session.logout', {});
  page = await e2e.open();
});

after(() => e2e.close());

async function screens(name: string, display: DisplaySettings): Promise<void> {
  await e2e.station!.call('session.login', { username: CADRE.username, password: CADRE.password });
  await e2e.station!.call('session.setDisplay', display);
  await e2e.station!.call('session.logout', {});
  // A fresh page load (the URL differs only after its #, so leave first): the station's setting comes with it.
  await page.goto('about:blank');
  await page.goto(e2e.host!.url);
  await page.getByLabel('账号', { exact: true }).waitFor();
  await shot(page, `display-${name}-01-login`);
  await loginInBrowser(page, CADRE, /您好/);
  await shot(page, `display-${name}-02-home`);
  await page.keyboard.press('F2');
  await page.getByRole('heading', { name: /第一步：确定申请人/ }).waitFor();
  await shot(page, `display-${name}-03-residents`);
  await page.getByLabel('查找居民').fill('钟桂香');
  await page.getByRole('listitem').filter({ hasText: '钟桂香' }).getByRole('button', { name: '居民与户' }).click();
  await page.getByRole('heading', { name: '居民：钟桂香' }).waitFor();
  await page.getByText('户成员（尚未登记）').waitFor();
  await shot(page, `display-${name}-03b-resident-page`);
  await page.keyboard.press('F3');
  await page.getByRole('heading', { name: '申请队列' }).waitFor();
  await page.getByText('刘德福').waitFor();
  await settle(page);
  await shot(page, `display-${name}-04-queue`);
  await page.getByText('刘德福').click();
  await page
    .getByRole('heading', { name: /最低生活保障申请/ })
    .first()
    .waitFor();
  await shot(page, `display-${name}-05-detail`);
  await page.getByRole('button', { name: /打印回执/ }).click();
  await page.getByTestId('receipt-no').waitFor();
  await shot(page, `display-${name}-06-receipt`);
  await page.keyboard.press('F3');
  await page.getByText('钟桂香').waitFor();
  await page.locator('tr', { hasText: '钟桂香' }).getByRole('button').click();
  await page.getByRole('heading', { name: /填写申请：最低生活保障申请/ }).waitFor();
  await shot(page, `display-${name}-07-form`);
  await page.getByRole('button', { name: /打印一次性告知单/ }).click();
  await page.getByRole('heading', { name: '一次性告知单' }).waitFor();
  await settle(page);
  await shot(page, `display-${name}-08-intake-notice`);
  await page.getByRole('button', { name: /李春梅/ }).click();
  await page.getByRole('menuitem', { name: '字号与对比度' }).click();
  await page.getByRole('dialog').getByText('本机的所有账号共用这个设置').waitFor();
  await settle(page);
  await shot(page, `display-${name}-09-display-dialog`);
  await page.keyboard.press('Escape');
}

test('标准: every counter screen fits 1366×768', { timeout: 120_000 }, async () => {
  await screens('standard', { fontSize: 'standard', highContrast: false });
});

test('大: every counter screen still fits 1366×768', { timeout: 120_000 }, async () => {
  await screens('large', { fontSize: 'large', highContrast: false });
});

test('特大 with high contrast: the screens still fit', { timeout: 120_000 }, async () => {
  await screens('xlarge-contrast', { fontSize: 'xlarge', highContrast: true });
});
