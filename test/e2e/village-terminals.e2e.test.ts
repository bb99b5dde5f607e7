/**
 * End to end, keyboard only (issue #16): the village's PC died; its replacement is enrolled at the counter. A
 * reference platform (PGlite) holds what the old PC sent: a resident and an application with a scan. The old
 * PC was last heard from with two records it never sent. In Chromium, by keys: the enrollment screen takes the
 * platform's address and the code, says what came back and what the old PC had not sent, Enter goes on to the
 * login; the cadre finds the old PC's application in the queue (F3), opens it and its scan comes down from the
 * platform. Screenshots: test-results/screenshots/village-terminals-*.png.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pino from 'pino';
import type { Page } from 'playwright-core';
import type { RunningPlatform } from '../../platform/index';
import { createStation } from '../../station/station';
import { BrowserTerminal, loginByKeys, shot, stepper } from '../helpers/e2e';
import { enrolledStation, issueCode, noisyScan, PLATFORM_CADRE, startTestPlatform, submitApplication, type SyncTestStation } from '../helpers/sync';
import { lastHeartbeat } from '../helpers/village-state';

const e2e = new BrowserTerminal('village-terminals');
let platform: RunningPlatform;
let old: SyncTestStation | null = null;
let page: Page;
let code = '';
let receiptNo = '';

before(async () => {
  const work = await e2e.prepare();
  platform = await startTestPlatform();
  old = await enrolledStation(platform);
  receiptNo = (await submitApplication(old.station, 801, [await noisyScan(320, 240)])).receiptNo!;
  assert.equal((await old.station.sync.syncNow()).pending, 0);
  await submitApplication(old.station, 802); // its resident and its submission never leave the old PC
  await lastHeartbeat(old.station);
  await old.cleanup();
  old = null;
  code = await issueCode(platform);
  e2e.station = createStation({
    dataDir: join(work, 'replacement'),
    key: randomBytes(32),
    log: pino({ level: 'silent' }),
    sync: { soonMs: 600_000, intervalMs: 600_000 },
  });
  page = await e2e.open();
});

after(async () => {
  await old?.cleanup();
  await e2e.close(platform);
});

test(
  'a replacement PC, by keys: enrolled, told what came back and what the dead PC never sent, then the old application and its scan',
  { timeout: 300_000 },
  async (t) => {
    const step = stepper(t, () => page, 'village-terminals');

    await step('the address and the code, typed; Enter enrolls', async () => {
      await page.goto(e2e.host!.url);
      await page.getByRole('heading', { name: '首次使用：接入省级平台' }).waitFor();
      await page.keyboard.insertText(platform.url);
      await page.keyboard.press('Tab');
      await page.keyboard.insertText(code.toLowerCase());
      await page.keyboard.press('Enter');
      await page.getByText('已接入省级平台').waitFor({ timeout: 60_000 });
    });

    await step('the screen says what came back from the platform and what the old PC had not sent', async () => {
      const note = page.getByRole('status').filter({ hasText: '已从省级平台恢复本村' });
      await note.getByText('已从省级平台恢复本村的居民 1 人、申请 1 件（其中办理中 1 件），扫描件在打开时下载。').waitFor();
      await note
        .getByText(/本村1号终端.*最后一次联系省级平台是 \d{4}-\d{2}-\d{2} \d{2}:\d{2}，当时还有 2 条记录没有上报。如果那台电脑已经损坏，这些记录无法恢复/)
        .waitFor();
      await shot(page, 'village-terminals-01-recovered');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent?.replace(/\s/g, '')), '去登录');
      await page.keyboard.press('Enter');
    });

    await step("the cadre logs in and opens the old PC's application from the queue; its scan comes down", async () => {
      await loginByKeys(page, PLATFORM_CADRE, /您好/);
      await page.keyboard.press('F3');
      await page.getByRole('heading', { name: '申请队列' }).waitFor();
      await page.keyboard.insertText(receiptNo);
      const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: receiptNo });
      await row.waitFor();
      await row.getByRole('button', { name: /^查\s*看$/ }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('在本村1号终端受理').waitFor();
      await page.locator('.thumb img, img.ant-image-img').first().waitFor({ timeout: 30_000 });
      await shot(page, 'village-terminals-02-old-application');
    });
  },
);
