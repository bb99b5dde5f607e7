/**
 * End to end, in Chromium, keyboard only: a cadre whose password IT reset must choose a new one before the
 * terminal opens; later, five idle minutes lock the screen over a half-filled form, and the password opens it
 * again with the form as it was. Screenshots: test-results/screenshots/accounts-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { BrowserTerminal, settle, shot, stepper } from '../helpers/e2e';
import { CADRE } from '../helpers/station';
import { idNumber } from '../helpers/sync';

process.env.DAIBAN_LOG_STDOUT = '0';

const e2e = new BrowserTerminal('accounts');
let page: Page;
const OWN = 'Chunmei2026';

before(async () => {
  const station = await e2e.prepareVillage();
  await station.call('session.login', { username: CADRE.username, password: CADRE.password });
  await station.call('residents.register', { idNumber: idNumber(7), name: '钟桂香' });
  await station.call('session.logout', {});
  // As if IT had just reset the password and the account had come down the feed (test/integration/sync-password).
  station.ctx.db.prepare('UPDATE users SET must_change_password = 1 WHERE username = ?').run(CADRE.username);
  page = await e2e.open();
  await page.clock.install();
});

after(() => e2e.close());

/** The user menu by keys: Enter on the name opens it, arrows move the focus down to `key`'s item, Enter takes it. */
async function userMenu(item: string, key: 'password' | 'display' | 'lock'): Promise<void> {
  await page.getByRole('button', { name: /李春梅：修改密码/ }).focus(); // where Tab brings the cadre; the rest is keys
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: item }).waitFor();
  const focusedKey = () => page.evaluate(() => document.activeElement?.closest('[data-menu-id]')?.getAttribute('data-menu-id') ?? '');
  await page.waitForFunction(() => document.activeElement?.closest('[data-menu-id]') !== null);
  for (let i = 0; i < 4 && !(await focusedKey()).endsWith(`-${key}`); i++) {
    const before = await focusedKey();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((b) => (document.activeElement?.closest('[data-menu-id]')?.getAttribute('data-menu-id') ?? '') !== b, before);
  }
  assert.ok((await focusedKey()).endsWith(`-${key}`), `the menu's ${item} has the focus`);
  await page.keyboard.press('Enter');
}

test('a reset password is replaced at the first login; an idle screen locks over a half-filled form', { timeout: 180_000 }, async (tc) => {
  const step = stepper(tc, () => page, 'accounts');

  await step('login with the password IT set leads to 请设置您自己的密码, and nowhere else', async () => {
    await page.goto(e2e.host!.url);
    await page.getByLabel('账号', { exact: true }).waitFor();
    await page.keyboard.insertText(CADRE.username);
    await page.keyboard.press('Enter');
    await page.keyboard.insertText(CADRE.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /请设置您自己的密码/ }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: '主菜单' }).count(), 0, 'no menu before the change');
    await settle(page);
    await shot(page, 'accounts-01-forced-change');
  });

  await step('原密码, 新密码 twice with Enter between them: the terminal opens', async () => {
    await page.keyboard.insertText(CADRE.password);
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('short1');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('short1');
    await page.keyboard.press('Enter');
    await page.getByText('密码至少需要8个字符').waitFor();
    await page.getByLabel('新密码', { exact: true }).fill(OWN);
    await page.getByLabel('再次输入新密码').fill(OWN);
    await page.getByLabel('再次输入新密码').press('Enter');
    await page.getByRole('heading', { name: /您好/ }).waitFor();
  });

  await step('five idle minutes lock the screen over a half-filled form; the password opens it as it was', async () => {
    await page.keyboard.press('F3');
    await page.keyboard.press('F2');
    await page.getByRole('heading', { name: /第一步：确定申请人/ }).waitFor();
    await page.keyboard.insertText('zgx');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /第二步/ }).waitFor();
    await page.keyboard.insertText('低保');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /填写申请：最低生活保障申请/ }).waitFor();
    const reason = page.getByLabel('申请原因');
    await reason.fill('丈夫患尿毒症，每周透析三次');
    await page.clock.fastForward('05:05');
    await page.getByText('屏幕已锁定').waitFor();
    await settle(page);
    await shot(page, 'accounts-02-locked');
    await page.keyboard.insertText('not-mine-1');
    await page.keyboard.press('Enter');
    await page.getByText(/密码不正确，还可以再试4次/).waitFor();
    await page.keyboard.insertText(OWN);
    await page.keyboard.press('Enter');
    await page.getByText('屏幕已锁定').waitFor({ state: 'hidden' });
    assert.equal(await reason.inputValue(), '丈夫患尿毒症，每周透析三次', 'the half-typed field is kept');
  });

  await step('the user menu with the keyboard: 修改密码, then 字号与对比度 大; 锁定屏幕 at once', async () => {
    await userMenu('修改密码', 'password');
    await page.getByRole('dialog', { name: '修改密码' }).waitFor();
    await page.keyboard.insertText(OWN);
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('Chunmei2027');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('Chunmei2027');
    await page.keyboard.press('Enter');
    await page.getByText(/密码已修改/).waitFor();
    await settle(page);
    await shot(page, 'accounts-03-password-changed');

    await userMenu('字号与对比度', 'display');
    const dialog = page.getByRole('dialog', { name: '字号与对比度' });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: '标准' }).focus();
    await page.keyboard.press('ArrowRight'); // 大
    await dialog.getByRole('button', { name: /保\s*存/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.dataset.font === 'large');
    await settle(page);
    await shot(page, 'accounts-04-large-type');

    await userMenu('锁定屏幕', 'lock');
    await page.getByText('屏幕已锁定').waitFor();
    await page.keyboard.insertText('Chunmei2027');
    await page.keyboard.press('Enter');
    await page.getByText('屏幕已锁定').waitFor({ state: 'hidden' });
  });
});
