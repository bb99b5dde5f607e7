/**
 * End to end, in Chromium: a resident's page (居民与户). The cadre builds a household of four from residents
 * already registered, then takes a 低保 application for the head whose members table arrives filled; after
 * the household changes, the submitted application still lists four. Screenshots at 标准 and 大:
 * test-results/screenshots/household-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { BrowserTerminal, loginInBrowser, settle, shot, stepper } from '../helpers/e2e';
import { CADRE } from '../helpers/station';
import { idNumber } from '../helpers/sync';

process.env.DAIBAN_LOG_STDOUT = '0';

const e2e = new BrowserTerminal('household');
let page: Page;
const NAMES = ['刘德福', '钟桂香', '刘小兰', '刘建国'];

before(async () => {
  const station = await e2e.prepareVillage();
  await station.call('session.login', { username: CADRE.username, password: CADRE.password });
  for (const [i, name] of NAMES.entries())
    await station.call('residents.register', { idNumber: idNumber(51 + i), name, phone: i === 0 ? '13907971234' : undefined });
  await station.call('session.logout', {});
  page = await e2e.open();
});

after(() => e2e.close());

async function addMember(name: string): Promise<void> {
  const search = page.getByLabel('添加户成员');
  await search.fill(name);
  await search.press('Enter');
  await page.getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: '加入本户' }).press('Enter');
}

test('a household of four is kept once and fills the 低保 members table; a later change leaves the application alone', { timeout: 180_000 }, async (tc) => {
  const step = stepper(tc, () => page, 'household');

  await step('居民与户: the head starts a household and adds three members from the register', async () => {
    await page.goto(e2e.host!.url);
    await loginInBrowser(page, CADRE, /您好/);
    await page.keyboard.press('F2');
    const search = page.getByLabel('查找居民');
    await search.fill('刘德福');
    await page.getByRole('listitem').filter({ hasText: '刘德福' }).getByRole('button', { name: '居民与户' }).press('Enter');
    await page.getByRole('heading', { name: '居民：刘德福' }).waitFor();
    for (const name of NAMES.slice(1)) await addMember(name);
    // 子女 (as added) → 配偶, the option above it, with the keyboard.
    const relation = page.getByLabel('钟桂香与户主关系');
    await relation.press('Enter');
    await relation.press('ArrowUp');
    await relation.press('Enter');
    await page.locator('tr', { hasText: '钟桂香' }).locator('[title="配偶"]').waitFor();
    await page.getByRole('button', { name: '保存户成员' }).press('Enter');
    await page.getByText('户成员（4人）').waitFor();
    await settle(page);
    await shot(page, 'household-01-resident-page');
  });

  await step('为其办理新事项 → 低保: the table arrives with all four, the head as 本人, the size 4', async () => {
    await page.getByRole('button', { name: '为其办理新事项' }).press('Enter');
    await page.getByRole('heading', { name: /第二步/ }).waitFor();
    await page.keyboard.insertText('低保');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /填写申请：最低生活保障申请/ }).waitFor();
    assert.equal(await page.getByLabel('共同生活家庭人口').inputValue(), '4');
    for (const [i, name] of NAMES.entries()) assert.equal(await page.getByLabel(`第${i + 1}行姓名`).inputValue(), name);
    await settle(page);
    await shot(page, 'household-02-dibao-prefilled');
  });

  await step('the household changes; an application submitted before keeps its four', async () => {
    const station = e2e.station!;
    const head = (await station.call('residents.search', { query: '刘德福', limit: 1 }))[0]!;
    const draft = (await station.call('applications.list', { residentId: head.id, limit: 5 })).items[0]!;
    const item = await station.call('catalog.get', { code: 'MZ-0001' });
    const members = (draft.form.members as Record<string, unknown>[]).map((r, i) => ({
      ...r,
      relation: r.relation ?? '子女',
      healthStatus: '健康',
      monthlyIncome: 100 + i,
    }));
    await station.call('applications.saveDraft', {
      id: draft.id,
      form: {
        ...draft.form,
        members,
        hardshipCause: '因病',
        applyReason: '丈夫患尿毒症，每周透析三次。',
        monthlyIncome: 900,
        savings: 3000,
        ownsVehicle: false,
        bankName: '江西瑞金农村商业银行',
        bankAccount: '6217 0000 1234 5678 901',
      },
      materials: Object.fromEntries(item.materials.map((m) => [m.key, { received: true, count: m.count }])),
    });
    await station.call('applications.submit', { id: draft.id });
    const household = (await station.call('households.ofResident', { residentId: head.id }))!;
    await station.call('households.save', {
      id: household.id,
      members: household.members.slice(0, 3).map((m) => ({ residentId: m.residentId, relation: m.relation })),
    });
    assert.equal(((await station.call('applications.get', { id: draft.id })).form.members as unknown[]).length, 4);
    await page.keyboard.press('F3');
    await page.getByRole('heading', { name: '申请队列' }).waitFor();
    await page.getByLabel('查找申请').fill('刘德福');
    await page
      .locator('tr', { hasText: '刘德福' })
      .first()
      .getByRole('button', { name: /查\s*看/ })
      .press('Enter');
    await page.getByText('共同生活家庭成员（含申请人）').waitFor();
    await page.getByText('刘建国').first().waitFor();
    await shot(page, 'household-03-detail-keeps-four');
  });
});
