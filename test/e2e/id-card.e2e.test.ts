/**
 * End to end, in Chromium, by keyboard only: the ID card at the counter (issue #17). A card placed on the
 * simulated reader (a SAM module on a pseudo-terminal) fills the register form of a new resident, the cadre
 * types the phone and confirms with Enter, and goes on to the items; the same card later (F4) finds the
 * resident at once; the top bar shows the reader's state. Screenshots: test-results/screenshots/id-card-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createSerialIdCardReader } from '../../station/id-card/serial-reader';
import { startSimulatedReader, type SimulatedReader } from '../../station/id-card/simulator';
import { BrowserTerminal, loginByKeys, settle, shot, stepper } from '../helpers/e2e';
import { CADRE } from '../helpers/station';
import { requireTools } from '../helpers/system-tools';

process.env.DAIBAN_LOG_STDOUT = '0';

const e2e = new BrowserTerminal('id-card');
let page: Page;
let sim: SimulatedReader;

const CARD = {
  name: '钟桂香',
  gender: 'female' as const,
  ethnicityCode: '22',
  birth: '19520917',
  address: '江西省瑞金市叶坪乡华屋村2组7号',
  idNumber: '360781195209170029',
  authority: '瑞金市公安局',
  validFrom: '20100101',
  validUntil: '20251231',
};

before(async () => {
  requireTools('socat');
  sim = await startSimulatedReader();
  await e2e.prepareVillage({ idCard: { reader: createSerialIdCardReader({ path: sim.path, today: () => '2026-12-06' }), pollMs: 300 } });
  page = await e2e.open();
});
after(async () => {
  await e2e.close();
  await sim?.close();
});

test('a card placed fills the new resident in; confirmed by keys; the same card later finds her', { timeout: 180_000 }, async (tc) => {
  const step = stepper(tc, () => page, 'id-card');

  await step('the top bar shows the reader ready; F2 opens the first step', async () => {
    await page.goto(e2e.host!.url);
    await loginByKeys(page, CADRE, /您好/);
    await assert.doesNotReject(page.getByRole('status', { name: /^身份证读卡器：读卡器就绪/ }).waitFor());
    await page.keyboard.press('F2');
    await page.getByRole('heading', { name: /确定申请人/ }).waitFor();
  });

  await step('placing the card fills the register form (number, name, address) and warns that it has expired', async () => {
    sim.place(CARD);
    await page.getByText('登记新居民（已从身份证读取，请核对）').waitFor();
    assert.equal(await page.locator('#reg-idNumber').inputValue(), CARD.idNumber);
    assert.equal(await page.locator('#reg-name').inputValue(), '钟桂香');
    assert.equal(await page.locator('#reg-address').inputValue(), CARD.address);
    await page.getByRole('alert').filter({ hasText: '该身份证已过有效期限' }).waitFor();
    await page.getByRole('status', { name: /^身份证读卡器：已放身份证/ }).waitFor();
    // The cursor waits at 联系电话, the one thing the card does not hold.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'reg-phone');
    await settle(page);
    await shot(page, 'id-card-01-prefilled');
  });

  await step('the phone typed, Enter to the address, Enter to register: on to the items', async () => {
    await page.keyboard.insertText('13907975566');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /选择办理事项/ }).waitFor();
    await page.getByText('钟桂香').first().waitFor();
  });

  await step('back to the first step, F4 reads the card again and goes straight on for the registered resident', async () => {
    await page.keyboard.press('F2');
    await page.getByRole('heading', { name: /确定申请人/ }).waitFor();
    await page.keyboard.press('F4');
    await page.getByRole('heading', { name: /选择办理事项/ }).waitFor();
    await page.getByText('已读取身份证：钟桂香，已登记，直接为其办理').waitFor();
  });

  await step('a card taken away, then F4: said in Chinese, nothing changes', async () => {
    sim.remove();
    await page.keyboard.press('F2');
    await page.getByRole('heading', { name: /确定申请人/ }).waitFor();
    await page.getByRole('status', { name: /^身份证读卡器：读卡器就绪/ }).waitFor();
    await page.keyboard.press('F4');
    await page.getByRole('alert').filter({ hasText: '读卡器上没有身份证' }).waitFor();
    await shot(page, 'id-card-02-no-card');
  });
});
