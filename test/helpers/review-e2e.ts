import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { seedDivisions } from '../../core/divisions/seed';
import { startPlatform, type RunningPlatform } from '../../platform/index';
import { createStation, type Station } from '../../station/station';
import type { IdCardServiceOptions } from '../../station/id-card/service';
import { DELEGATED_CATALOG } from './delegated-catalog';
import { settle, shot } from './e2e';
import { runTool } from './system-tools';

/** What a USB scanner reads off the QR code of a village's printed receipt (rendered, rasterised, read by zbar). */
export async function receiptCodeOf(village: Station, applicationId: string, dir: string): Promise<string> {
  const { pdfBase64 } = await village.call('receipts.render', { applicationId, format: '80mm' });
  const pdf = join(dir, `receipt-${applicationId}.pdf`);
  writeFileSync(pdf, Buffer.from(pdfBase64, 'base64'));
  await runTool('pdftoppm', ['-png', '-r', '150', '-singlefile', pdf, pdf]);
  return (await runTool('zbarimg', ['-q', '--raw', `${pdf}.png`])).stdout.trim();
}

/** 字号与对比度 from the user menu, standard ↔ large (the menu by keys is accounts.e2e's to test). */
export async function setFontSize(page: Page, userName: string, size: '标准' | '大'): Promise<void> {
  await page.getByRole('button', { name: new RegExp(userName) }).click();
  await page.getByRole('menuitem', { name: '字号与对比度' }).click();
  const dialog = page.getByRole('dialog', { name: '字号与对比度' });
  await dialog.getByRole('radio', { name: size === '大' ? '标准' : '大', exact: true }).focus();
  await page.keyboard.press(size === '大' ? 'ArrowRight' : 'ArrowLeft');
  await dialog.getByRole('button', { name: /保\s*存/ }).focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  await page.waitForFunction((large) => (document.documentElement.dataset.font === 'large') === large, size === '大');
  await settle(page);
}

/** A division code on its own (not inside a receipt or list number): where the names are known, none may show. */
export const BARE_CODE = /(?<![\d-])\d{12}(?![\d-])/;

/** A screenshot of a journey whose divisions have names: the page shows names, never a bare 12-digit code. */
export async function named(page: Page, name: string): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(text, BARE_CODE, `${name}: a division code shown where its name is known`);
  await shot(page, name);
}

/** A scanned page: a white A4-ish PNG with dark blocks of "text". */
export function scannedPage(shade = '#333'): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="594">
    <rect width="420" height="594" fill="#fff"/><rect x="40" y="50" width="340" height="24" fill="${shade}"/>
    <rect x="40" y="100" width="300" height="10" fill="#777"/><rect x="40" y="120" width="320" height="10" fill="#777"/>
    <rect x="40" y="140" width="260" height="10" fill="#777"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The review journeys' people: 华屋村's cadre, 叶坪乡's reviewer, 瑞金市's county reviewer. */
export const E2E_CADRE = { username: 'cadre01', displayName: '李春梅', password: 'Daiban2026' } as const;
export const E2E_REVIEWER = { username: 'shenhe01', displayName: '张建国', password: 'Shenhe2026' } as const;
export const E2E_COUNTY_REVIEWER = { username: 'xianji01', displayName: '赵敏', password: 'Xianji2026' } as const;

/**
 * A reference platform in memory for a review journey: the seed catalog (and, `delegated`, the one in which
 * townships decide 低保 alone), the demo province's division names, and the three accounts above.
 */
export async function reviewJourneyPlatform(o: { delegated?: boolean; now?: () => Date } = {}): Promise<RunningPlatform> {
  const platform = await startPlatform({ log: false, ...(o.now ? { now: o.now } : {}) });
  await platform.admin.publishCatalog(SEED_CATALOG);
  if (o.delegated) await platform.admin.publishCatalog(DELEGATED_CATALOG);
  await platform.admin.loadDivisions(seedDivisions());
  await platform.admin.createAccount({ ...E2E_CADRE, role: 'cadre', divisionCode: '360781102201' });
  await platform.admin.createAccount({ ...E2E_REVIEWER, role: 'reviewer', divisionCode: '360781102' });
  await platform.admin.createAccount({ ...E2E_COUNTY_REVIEWER, role: 'reviewer', divisionCode: '360781' });
  return platform;
}

/** The demo province's terminals a journey uses, by role: its division and service point. */
const TERMINALS = {
  village: { divisionCode: '360781102201', servicePointName: '瑞金市叶坪乡华屋村为民服务代办点' },
  township: { divisionCode: '360781102', servicePointName: '瑞金市叶坪乡便民服务中心' },
  county: { divisionCode: '360781', servicePointName: '瑞金市民政局' },
} as const;

/**
 * A terminal of `role` in `dir`, enrolled at `platformUrl` (the platform, or a fault proxy before it), with an
 * ID card reader where `idCard` says (the simulated one, in tests). Its
 * agent would sync by itself, but not within a test's minutes: every sync in a journey is on purpose.
 */
export async function journeyTerminal(
  platform: RunningPlatform,
  dir: string,
  role: keyof typeof TERMINALS,
  platformUrl = platform.url,
  o: { idCard?: IdCardServiceOptions } = {},
): Promise<Station> {
  const station = createStation({
    dataDir: dir,
    key: randomBytes(32),
    log: pino({ level: 'silent' }),
    sync: { soonMs: 60 * 60_000, intervalMs: 60 * 60_000 },
    idCard: o.idCard,
  });
  const { code } = await platform.admin.issueEnrollmentCode({ ...TERMINALS[role], role });
  await station.call('sync.enroll', { platformUrl, code });
  return station;
}

/** One sync run of a journey's terminal that must end without an error. */
export async function journeySync(s: Station | null, who = 'the terminal'): Promise<void> {
  assert.equal((await s!.sync.syncNow()).lastError, null, `${who} syncs without error`);
}
