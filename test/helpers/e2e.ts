/**
 * Shared pieces of the end-to-end tests that drive the real renderer in Chromium through the browser host:
 * launching Debian's Chromium with playwright-core at 1366×768, one station behind the browser host in
 * Chromium (BrowserTerminal), screenshots that also check nothing scrolls sideways, and the "steps build on
 * each other" runner.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ensureRendererBuilt } from '../../scripts/renderer-build';
import { startBrowserHost, type BrowserHost } from '../../station/browser-host';
import type { IdCardServiceOptions } from '../../station/id-card/service';
import { createStation, type Station } from '../../station/station';
import { provisionStation } from '../../station/setup/provision';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { CADRE, TEST_VILLAGE } from './station';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = process.env.DAIBAN_CHROMIUM ?? '/usr/bin/chromium';
export const SHOTS = join(ROOT, 'test-results', 'screenshots');
export const RENDERER_DIR = join(ROOT, 'dist', 'renderer');
export const VIEWPORT = { width: 1366, height: 768 };
export const STEP_TIMEOUT = 30_000;

export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing (${CHROMIUM}). Run scripts/install-system-deps.sh (as root) to install chromium, poppler-utils and fonts-noto-cjk.`);
  }
  mkdirSync(SHOTS, { recursive: true });
}

/** What went wrong inside each page (uncaught errors, console.error), told when a step fails. */
const browserErrors = new WeakMap<Page, string[]>();

function watchBrowserErrors(page: Page): void {
  if (browserErrors.has(page)) return;
  const seen: string[] = [];
  browserErrors.set(page, seen);
  page.on('pageerror', (e) => seen.push(`uncaught: ${e.stack ?? e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') seen.push(`console.error: ${m.text()}`);
  });
}

/**
 * Headless Chromium with a throwaway profile in `workDir`, zh-CN and Asia/Shanghai like the terminals;
 * `downloads: true` keeps files the page saves in `workDir/downloads`.
 */
export async function launchChromium(workDir: string, o: { downloads?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(join(workDir, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: VIEWPORT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(o.downloads ? { acceptDownloads: true, downloadsPath: join(workDir, 'downloads') } : {}),
  });
  for (const p of context.pages()) watchBrowserErrors(p);
  context.on('page', watchBrowserErrors);
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.setDefaultNavigationTimeout(60_000);
  return { context, page };
}

/**
 * One station behind the browser host, seen in Chromium: what a single-terminal e2e file sets up in `before`
 * and takes down in `after`. `prepare` checks for Chromium, builds the renderer and makes the scratch
 * directory; the file makes its station in it and sets `station` at once (so a set-up failing half-way still
 * closes it); `open` starts the browser host on the station and Chromium in the directory.
 */
export class BrowserTerminal {
  work = '';
  station: Station | null = null;
  host: BrowserHost | null = null;
  context: BrowserContext | null = null;

  /** `name` names the scratch directory: daiban-e2e-<name>-…. */
  constructor(private readonly name: string) {}

  /**
   * prepare(), then a village station in the scratch directory with the seed catalog and one cadre
   * (test/helpers/station.ts CADRE), agent and backups not started: what most single-terminal files need.
   */
  async prepareVillage(o: { idCard?: IdCardServiceOptions } = {}): Promise<Station> {
    const work = await this.prepare();
    const station = (this.station = createStation({
      dataDir: join(work, 'data'),
      key: randomBytes(32),
      sync: { autoStart: false },
      backups: { autoStart: false },
      idCard: o.idCard,
    }));
    await provisionStation(station, {
      servicePoint: { name: '瑞金市叶坪乡华屋村为民服务代办点', divisionCode: TEST_VILLAGE, terminalNo: 1 },
      catalog: SEED_CATALOG,
      users: [{ ...CADRE, role: 'cadre' }],
    });
    return station;
  }

  async prepare(): Promise<string> {
    requireChromium();
    await ensureRendererBuilt(ROOT, () => undefined);
    this.work = mkdtempSync(join(tmpdir(), `daiban-e2e-${this.name}-`));
    return this.work;
  }

  /** The browser host on `station` and Chromium on it (see launchChromium for `downloads`); the page. */
  async open(o: { downloads?: boolean } = {}): Promise<Page> {
    if (!this.station) throw new Error('BrowserTerminal.open: set station first');
    this.host = await startBrowserHost({ station: this.station, staticDir: RENDERER_DIR, port: 0 });
    const { context, page } = await launchChromium(this.work, o);
    this.context = context;
    return page;
  }

  /**
   * Closes Chromium, the browser host and the station, then `others` in order (a platform, a proxy, …; null
   * for one never started), and removes the scratch directory.
   */
  async close(...others: ({ close(): Promise<unknown> } | null)[]): Promise<void> {
    await this.context?.close().catch(() => undefined);
    await this.host?.close().catch(() => undefined);
    await this.station?.close();
    for (const other of others) await other?.close().catch(() => undefined);
    if (this.work) rmSync(this.work, { recursive: true, force: true });
  }
}

/** A screenshot in test-results/screenshots/, after checking nothing sticks out sideways at 1366×768. */
export async function shot(page: Page, name: string): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= VIEWPORT.width, `${name}: the page is ${scrollWidth}px wide and scrolls sideways at 1366×768`);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/**
 * Subtests that build on each other: after the first failure the rest are skipped, the screen at the
 * failure is kept as `<prefix>-failure.png` and the browser's last errors are printed.
 */
export function stepper(t: TestContext, page: () => Page, prefix: string): (name: string, fn: () => Promise<void>) => Promise<void> {
  let broken: string | null = null;
  return (name, fn) =>
    t.test(name, async (st) => {
      if (broken) return st.skip(`an earlier step failed: ${broken}`);
      try {
        await fn();
      } catch (e) {
        broken = name;
        const errors = browserErrors.get(page()) ?? [];
        if (errors.length > 0) console.log(`# ${prefix}: the browser's errors before the failure:\n${errors.slice(-20).join('\n')}`);
        await page()
          .screenshot({ path: join(SHOTS, `${prefix}-failure.png`) })
          .catch(() => undefined);
        throw e;
      }
    });
}

/** Logs in through the login screen and waits for the first screen after it. */
export async function loginInBrowser(page: Page, account: { username: string; password: string; role?: string }, firstHeading: RegExp | string): Promise<void> {
  await page.getByLabel('账号', { exact: true }).fill(account.username);
  await page.getByLabel('密码', { exact: true }).fill(account.password);
  // IT staff tick 运维人员登录 with the keyboard (Space on the focused box): their password is checked online.
  if (account.role === 'it') await page.getByRole('checkbox', { name: /运维人员登录/ }).press('Space');
  await page.getByLabel('密码', { exact: true }).press('Enter');
  await page.getByRole('heading', { name: firstHeading }).waitFor();
}

/** Logs in with the keyboard only: Enter in 账号 moves to 密码, Enter there logs in. */
export async function loginByKeys(page: Page, account: { username: string; password: string }, firstHeading: RegExp | string): Promise<void> {
  await page.getByLabel('账号', { exact: true }).focus();
  await page.keyboard.insertText(account.username);
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(account.password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: firstHeading }).waitFor();
}

/** 退出 in the top bar, confirmed in its dialog (once the dialog has finished sliding in), back to the login form. */
export async function logoutInBrowser(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await settle(page);
  await dialog.getByRole('button', { name: /退\s*出/ }).click();
  await page.getByLabel('账号').waitFor();
}

/**
 * A modal or drawer slides in: wait for the motion to end so a screenshot shows it whole. Only the picture
 * depends on it, so a motion class that lingers (a missed transitionend on a loaded machine) costs at most
 * five seconds, never the test; what the test asserts it waits for by itself.
 */
export async function settle(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () => !document.querySelector('[class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"], [class*="panel-motion"]'),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
  await page.waitForTimeout(200);
}

/**
 * Waits until no dialog is left, its fade-out over. When the fade ends a dialog hands the focus back to where
 * it was opened from, so a key pressed before then can land there (and a dialog whose title empties on close
 * no longer matches its own name: waiting for that to hide is not enough).
 */
export async function dialogsClosed(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.ant-modal-wrap:not([style*="display: none"])'));
}

/** Picks an option of an antd Select by typing it, as a cadre would, and waits until it is shown as chosen. */
export async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  await box.pressSequentially(option);
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).first().waitFor();
  await box.press('Enter');
  const id = await box.getAttribute('id');
  await page
    .locator('.ant-select', { has: page.locator(`[id="${id}"]`) })
    .filter({ hasText: option })
    .first()
    .waitFor();
}

/** The text of a PDF as poppler reads it, whitespace removed (Chinese lines wrap anywhere). */
export function pdfTextOf(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}
