/**
 * End to end, in Chromium, keyboard only: the cadre logs in, registers a new resident and takes a
 * 老年人优待证 application through to the printed receipt without touching the mouse. Every action counts
 * (a typed field is one, each key press one); the journey from the home screen must fit in 25 and the count
 * is printed. Also: the ID box keeps the cursor at the 18th digit, and an empty registration marks both
 * 公民身份号码 and 姓名. Screenshots: test-results/screenshots/keyboard-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { citizenIdCheckChar } from '../../core/citizen-id';
import { BrowserTerminal, shot, stepper } from '../helpers/e2e';
import { CADRE } from '../helpers/station';
import { allMaterials, validValues } from '../helpers/forms';
import { idNumber } from '../helpers/sync';

process.env.DAIBAN_LOG_STDOUT = '0';

/** A resident born on 1955-12-12: 70 years old, so the item's age rule lets her apply. */
const ELDER_ID = (() => {
  const first17 = '36078119551212002';
  return first17 + citizenIdCheckChar(first17);
})();
const BUDGET = 25;
const HOUSEHOLD_BUDGET = 40;
const FAMILY = ['刘德福', '钟桂香', '刘小兰', '刘建国'];

const e2e = new BrowserTerminal('keyboard');
let page: Page;
let actions = 0;

/** One typed field: one action (as a cadre types a value in one go). */
async function typeField(text: string): Promise<void> {
  await page.keyboard.insertText(text);
  actions++;
}

async function press(key: string): Promise<void> {
  await page.keyboard.press(key);
  actions++;
}

/** Waits until the cursor is where `where` (run in the page) says: a person sees it move before typing on. */
async function cursorAt<A>(where: (arg: A) => boolean, arg?: A): Promise<void> {
  await page
    .waitForFunction(where as never, arg, { timeout: 5_000 })
    .catch(async () => assert.fail(`the cursor is not where expected (${where.toString()}); it is on ${JSON.stringify(await focused())}`));
}

/** A person sees the list open before choosing from it. */
const listOpen = () =>
  page.waitForFunction(
    () =>
      document.activeElement?.getAttribute('aria-expanded') === 'true' &&
      document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active'),
  );

const focused = () =>
  page.evaluate(() => ({
    id: document.activeElement?.id ?? '',
    label: document.activeElement?.getAttribute('aria-label') ?? '',
    text: document.activeElement?.textContent ?? '',
  }));

before(async () => {
  const station = await e2e.prepareVillage();
  // A household of four already on record, and an earlier 临时救助 of the head that gave his bank account.
  await station.call('session.login', { username: CADRE.username, password: CADRE.password });
  const ids: string[] = [];
  for (const [i, name] of FAMILY.entries())
    ids.push((await station.call('residents.register', { idNumber: idNumber(61 + i), name, ...(i === 0 ? { phone: '13870071234' } : {}) })).id);
  const relations = ['户主', '配偶', '子女', '子女'] as const;
  await station.call('households.save', { members: ids.map((residentId, i) => ({ residentId, relation: relations[i]! })) });
  const temp = await station.call('catalog.get', { code: 'MZ-0003' });
  const earlier = await station.call('applications.createDraft', { residentId: ids[0]!, itemCode: temp.code });
  await station.call('applications.saveDraft', { id: earlier.id, form: validValues(temp.form.fields), materials: allMaterials(temp) });
  await station.call('applications.submit', { id: earlier.id });
  await station.call('session.logout', {});
  page = await e2e.open();
});

after(() => e2e.close());

test("a new resident's 老年人优待证, from the home screen to the printed receipt, keyboard only", { timeout: 180_000 }, async (tc) => {
  const step = stepper(tc, () => page, 'keyboard');

  await step('login: Enter in 账号 moves to 密码 (the password never lands in plain text), Enter there logs in', async () => {
    await page.goto(e2e.host!.url);
    await page.getByLabel('账号', { exact: true }).waitFor();
    await page.keyboard.insertText(CADRE.username);
    await page.keyboard.press('Enter');
    assert.equal(await page.getByLabel('账号', { exact: true }).inputValue(), CADRE.username);
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type), 'password', 'the cursor is in 密码');
    await page.keyboard.insertText(CADRE.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /您好/ }).waitFor();
  });

  await step('F2, the ID number, Enter: a new number goes to the register form, filled in, cursor at 姓名', async () => {
    actions = 0;
    await press('F2');
    await page.getByRole('heading', { name: /第一步：确定申请人/ }).waitFor();
    await typeField(ELDER_ID);
    await press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'reg-name');
    assert.equal(await page.locator('#reg-idNumber').inputValue(), ELDER_ID);
    await typeField('钟桂香');
    await press('Enter');
    await typeField('13907971234');
    await press('Enter');
    await press('Enter'); // 住址 left empty: the last field, so Enter registers
    await page.getByRole('heading', { name: /选择办理事项|第二步/ }).waitFor();
    await shot(page, 'keyboard-01-item-picker');
  });

  await step('the item by its common name, Enter; the form walks on with Enter, defaults and the phone already there', async () => {
    await typeField('老年证');
    await press('Enter');
    await page.getByRole('heading', { name: /填写申请：老年人优待证办理/ }).waitFor();
    // 办理类型, 照片来源, 领证方式 (defaults), 紧急联系人, 紧急联系人电话, 联系电话 (from registration).
    for (let i = 0; i < 6; i++) await press('Enter');
    assert.equal(await page.getByLabel('联系电话', { exact: true }).inputValue(), '13907971234');
    // Then the required materials: Enter on 必需的…都已收到 ticks both and goes on to the next-step button.
    await press('Enter');
    await page
      .waitForFunction(() => /下一步：核对信息/.test(document.activeElement?.textContent ?? ''), undefined, { timeout: 5_000 })
      .catch(async () => assert.fail(`the cursor should be on 下一步, is on ${JSON.stringify(await focused())}`));
    assert.equal(await page.locator('[data-material-required="true"] input[type=checkbox]:checked').count(), 2, 'both required materials ticked');
    await shot(page, 'keyboard-02-form');
    await press('Enter');
    await page.getByRole('heading', { name: /核对并提交/ }).waitFor();
    await press('Enter');
    await page.getByTestId('receipt-no').waitFor();
    await page.locator('iframe[title="回执预览"]').waitFor(); // a person sees the receipt before printing it
    // The page has the keys (Chromium's PDF viewer takes them while it starts; the screen gives them back).
    await page.waitForFunction(() => document.hasFocus() && /打印回执/.test(document.activeElement?.textContent ?? ''));
    await press('Enter');
    await page.getByText(/回执已(保存为PDF文件|发送到打印机)/).waitFor();
    await shot(page, 'keyboard-03-printed');
    console.log(`# keyboard-only intake of 老年人优待证 for a new resident: ${actions} actions from the home screen (budget ${BUDGET})`);
    assert.ok(actions <= BUDGET, `${actions} actions, more than ${BUDGET}`);
    // The resident is asked to rate (受理评价) and does not, now: Esc.
    await page.getByRole('dialog', { name: /对本次服务评价/ }).waitFor();
    // An open dialog keeps the keyboard: F2 does not leave the receipt under it.
    await page.keyboard.press('F2');
    await page.waitForTimeout(300); // a screen change would have rendered by now
    await page.getByRole('dialog', { name: /对本次服务评价/ }).waitFor();
    assert.equal(await page.getByRole('heading', { name: /第一步：确定申请人/ }).count(), 0, 'F2 stays with the open dialog');
    await page.keyboard.press('Escape');
  });

  await step('the ID box keeps the cursor at the 18th digit; an empty registration marks 身份号码 and 姓名', async () => {
    // F2 at once after Esc: the shortcut is not lost to the closing dialog.
    await page.keyboard.press('F2');
    await page.getByRole('heading', { name: /第一步：确定申请人/ }).waitFor({ timeout: 5_000 });
    await page.getByRole('dialog', { name: /对本次服务评价/ }).waitFor({ state: 'hidden' });
    await page.locator('#reg-idNumber').focus();
    await page.keyboard.type(ELDER_ID.slice(0, 17));
    await page.keyboard.type(ELDER_ID.slice(17));
    assert.equal((await focused()).id, 'reg-idNumber', 'the 18th digit does not take the cursor away');
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'reg-name', 'Tab goes on to 姓名');
    await page.locator('#reg-idNumber').fill('');
    await page.locator('#reg-address').focus();
    await page.keyboard.press('Enter');
    await page.getByText('请填写公民身份号码').waitFor();
    await page.getByText('请填写姓名').waitFor();
    await shot(page, 'keyboard-04-empty-registration');
  });
});

test(
  'a 低保 for a household already on record, keyboard only: the members come from the 户, the bank account from before',
  { timeout: 180_000 },
  async (tc) => {
    const step = stepper(tc, () => page, 'keyboard-household');
    await step('from the home screen to the printed receipt', async () => {
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: /首页/ }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /您好/ }).waitFor();
      actions = 0;
      await press('F2');
      await page.getByRole('heading', { name: /第一步：确定申请人/ }).waitFor();
      await typeField('刘德福');
      await press('Enter');
      await page.getByRole('heading', { name: /第二步/ }).waitFor();
      await typeField('低保');
      await press('Enter');
      await page.getByRole('heading', { name: /填写申请：最低生活保障申请/ }).waitFor();
      // A select: typing filters its list, Enter picks and moves on (a person sees the list before choosing).
      await typeField('因病');
      await listOpen();
      await press('Enter');
      await cursorAt(() => document.activeElement?.tagName === 'TEXTAREA');
      await typeField('丈夫患尿毒症，每周透析三次，家中无稳定收入。');
      await press('Tab'); // out of the text area (Enter there is a new line)
      assert.equal(await page.getByLabel('共同生活家庭人口').inputValue(), '4', 'the size comes from the household');
      await press('Enter'); // into the table, at the first cell still empty: row 1 健康状况
      for (let row = 1; row <= FAMILY.length; row++) {
        await cursorAt((r) => document.activeElement?.getAttribute('aria-label') === `第${r}行健康状况`, row);
        await typeField('健康');
        await listOpen();
        await press('Enter');
      }
      await cursorAt(() => document.activeElement?.id === 'f-monthlyIncome');
      await typeField('1200');
      await press('Enter');
      await typeField('3000'); // 家庭存款及有价证券合计
      await press('Enter');
      await press('ArrowRight'); // 家庭是否拥有机动车辆: 否
      await press('Enter');
      assert.equal(await page.getByLabel('银行账号', { exact: false }).first().inputValue(), '6217000012345678901', 'the account given before');
      await press('Enter'); // 开户银行 (from the earlier application)
      await press('Enter'); // 银行账号 (likewise)
      await press('Enter'); // 联系电话 (from registration): the last field, on to the materials
      await press('Enter'); // 必需的…都已收到
      await cursorAt(() => /下一步：核对信息/.test(document.activeElement?.textContent ?? ''));
      await shot(page, 'keyboard-05-dibao-household');
      await press('Enter');
      await page.getByRole('heading', { name: /核对并提交/ }).waitFor();
      await press('Enter');
      await page.getByTestId('receipt-no').waitFor();
      await page.locator('iframe[title="回执预览"]').waitFor(); // a person sees the receipt before printing it
      await cursorAt(() => document.hasFocus() && /打印回执/.test(document.activeElement?.textContent ?? ''));
      await press('Enter');
      await page.getByText(/回执已(保存为PDF文件|发送到打印机)/).waitFor();
      console.log(`# keyboard-only 低保 for a household on record: ${actions} actions from the home screen (budget ${HOUSEHOLD_BUDGET})`);
      assert.ok(actions <= HOUSEHOLD_BUDGET, `${actions} actions, more than ${HOUSEHOLD_BUDGET}`);
      await page.getByRole('dialog', { name: /对本次服务评价/ }).waitFor();
      await page.keyboard.press('Escape');
    });
  },
);
