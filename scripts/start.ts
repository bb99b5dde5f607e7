/**
 * `npm start`: the demo of a village service point (瑞金市叶坪乡华屋村) syncing with the provincial platform.
 * - Builds the renderer when it is missing or stale.
 * - Starts the platform on PGlite (.data/platform, 127.0.0.1:DAIBAN_PLATFORM_PORT, default 8650) with the
 *   seed catalog, division names, the 2027 holidays and demo accounts, and the township terminal of 叶坪乡 and the
 *   county terminal of 瑞金市 enrolled to it (scripts/demo-fleet.ts), served by the browser host on DAIBAN_PORT + 1
 *   and + 2 (default 5175, 5176), and the village's second terminal (enrolled after the first one's work went up, so it
 *   shows a village recovered from the platform) on DAIBAN_PORT + 3 (default 5177).
 * - The village terminal: with the Electron runtime installed, the desktop shell (store in .data/demo-electron/,
 *   key sealed by safeStorage, enrolled by main.ts with a one-time code passed in DAIBAN_DEMO_ENROLL_CODE).
 *   Without it (CI, this build machine; DAIBAN_BROWSER=1 forces it): the browser host on DAIBAN_PORT (default
 *   5174), its UNSEALED key file in .data/demo-village/.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserHost, type BrowserHost } from '../station/browser-host';
import { DEMO_ADMIN, DEMO_CADRE, DEMO_SERVICE_POINT } from '../station/setup/demo-data';
import { DEMO_COUNTY_REVIEWER, DEMO_IT, DEMO_REVIEWER, startDemoFleet, type DemoFleet, type DemoTerminalHandle } from './demo-fleet';
import { ensureRendererBuilt } from './renderer-build';
import { startDemoCardReader, type DemoCardReader } from './demo-card-reader';
import { startDemoProvince, type DemoProvince } from './demo-province';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const staticDir = join(root, 'dist', 'renderer');
const port = Number(process.env.DAIBAN_PORT ?? 5174);

/** The Electron binary's path when the runtime is installed, else null (the npm package without its binary). */
function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

async function listen(station: DemoTerminalHandle['station'], at: number): Promise<BrowserHost> {
  try {
    return await startBrowserHost({ station, staticDir, port: at });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`端口 ${at} 已被占用，请关闭占用它的程序，或设置 DAIBAN_PORT 换一个端口。 (port ${at} is in use; set DAIBAN_PORT)`);
    }
    throw e;
  }
}

/** The township's and the county's terminals, each behind its own browser host. */
interface ReviewHosts {
  township: BrowserHost;
  county: BrowserHost;
  /** The village's second terminal (not a review host, but served the same way). */
  village2: BrowserHost;
}

function banner(
  fleet: DemoFleet,
  village: string,
  { township, county, village2 }: ReviewHosts,
  more: { cardHint?: string; provinceHint?: string } = {},
): string {
  const line = '─'.repeat(72);
  return [
    line,
    `省级平台（演示，PGlite 数据在 .data/platform）：${fleet.platform.url}`,
    ...(more.provinceHint ? [more.provinceHint] : []),
    '',
    `村代办点  ${DEMO_SERVICE_POINT.name}`,
    `  ${village}`,
    `  代办员 ${DEMO_CADRE.username} / ${DEMO_CADRE.password}（${DEMO_CADRE.displayName}）   管理员 ${DEMO_ADMIN.username} / ${DEMO_ADMIN.password}`,
    '  试一试：F2 受理新申请，查找“刘德福”（一户四口）→ 居民与户；为他办理“低保”，家庭成员自动带出；F3 申请队列可按姓名或回执编号查找',
    ...(more.cardHint ? [more.cardHint] : []),
    '  好差评：打印回执后请群众评价（数字键1–5）；评价窗口里“打开评价屏”是给群众看的小窗口，可拖到第二块屏幕',
    '  U盘传输（长时间断网时）：网络与同步 → 导出待上传数据；乡镇终端的同一面板“代为上报”并给出回执文件，村里再“导入回执文件”',
    '',
    `村代办点第二台终端（同一村，另一台电脑）`,
    `  ${village2.url}`,
    '  接入时从省级平台恢复了本村的居民、户和申请；在任一台受理、补正、评价，同步后另一台都能看到（扫描件打开时下载）',
    '',
    `乡镇审核  ${fleet.township.name}`,
    `  ${township.url}`,
    `  审核员 ${DEMO_REVIEWER.username} / ${DEMO_REVIEWER.password}（${DEMO_REVIEWER.displayName}）`,
    '  试一试：审核工作台按批次筛选、勾选后批量审核；F3 核验回执（扫描回执上的二维码）；统计页导出或打印台账',
    '  差评跟进：黄冬梅的“不满意”等待回访核实和整改反馈（有期限）；统计页有各村、各事项、各受理人的满意度',
    '',
    `县级查看  ${fleet.county.name}`,
    `  ${county.url}`,
    `  审核员 ${DEMO_COUNTY_REVIEWER.username} / ${DEMO_COUNTY_REVIEWER.password}（${DEMO_COUNTY_REVIEWER.displayName}）：全县各乡镇的办理情况、统计与台账`,
    '',
    `运维（县级）  ${DEMO_IT.username} / ${DEMO_IT.password}（${DEMO_IT.displayName}）：在以上任一终端勾选“运维人员登录”联网登录，进入运维控制台`,
    '',
    '  浏览器地址里含访问令牌，请整段复制。 The token is part of each URL.',
    '  运维命令 / IT CLI:  npm run platform -- help （请先停止演示：平台数据库同一时间只能由一个进程打开）',
    '  按 Ctrl-C 退出 / Ctrl-C to stop.',
    line,
  ].join('\n');
}

function onShutdown(stop: () => Promise<unknown>): void {
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    stop()
      .catch(() => undefined)
      .finally(() => {
        console.log('代办演示已关闭。 (stopped)');
        process.exit(0);
      });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function startElectron(binary: string, fleet: DemoFleet, hosts: ReviewHosts, province: DemoProvince): Promise<void> {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('Electron 外壳打包失败 (build-electron failed)');
  console.log(banner(fleet, '（桌面版窗口 / the desktop window）', hosts, { provinceHint: province.hint }));
  const child = spawn(binary, [join(root, 'dist', 'electron', 'main.js')], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      DAIBAN_DEMO: '1',
      DAIBAN_USER_DATA: join(root, '.data', 'demo-electron'),
      DAIBAN_DEMO_PLATFORM_URL: fleet.platform.url,
      DAIBAN_DEMO_ENROLL_CODE: await fleet.villageEnrollmentCode(),
    },
  });
  onShutdown(async () => child.kill('SIGTERM'));
  child.on('exit', (code) => {
    void Promise.all([hosts.township.close(), hosts.county.close(), hosts.village2.close(), province.close()])
      .then(() => fleet.close())
      .finally(() => process.exit(code ?? 0));
  });
}

async function startBrowser(
  fleet: DemoFleet,
  hosts: ReviewHosts,
  village: DemoTerminalHandle,
  cards: DemoCardReader | null,
  province: DemoProvince,
): Promise<void> {
  const villageHost = await listen(village.station, port);
  console.log(
    [
      '未安装 Electron 运行时，村代办终端改以浏览器方式运行（仅限本机 127.0.0.1 访问）。',
      'The Electron runtime is not installed, so the village terminal runs in the browser host (127.0.0.1 only).',
      '⚠ 数据库密钥以明文保存在 .data/demo-*/daiban.key，仅供演示和测试。 ⚠ Database keys are UNSEALED in .data/demo-*/daiban.key (demo only).',
      banner(fleet, villageHost.url, hosts, { cardHint: cards?.hint, provinceHint: province.hint }),
    ].join('\n'),
  );
  onShutdown(async () => {
    await Promise.all([villageHost.close(), hosts.township.close(), hosts.county.close(), hosts.village2.close()]);
    await fleet.close();
    await Promise.all([cards?.close(), province.close()]);
  });
}

async function main(): Promise<void> {
  await ensureRendererBuilt(root);
  const binary = process.env.DAIBAN_BROWSER === '1' ? null : electronBinary();
  // The browser host's village counter gets the simulated ID card reader (the desktop app reads its own config).
  const cards = binary ? null : await startDemoCardReader();
  const fleet = await startDemoFleet(join(root, '.data'), {
    platformPort: Number(process.env.DAIBAN_PLATFORM_PORT ?? 8650),
    syncIntervalMs: 10_000,
    withoutVillage: binary !== null,
    warn: () => undefined,
    villageIdCard: cards?.options,
  });
  try {
    const hosts = {
      township: await listen(fleet.township.station, port + 1),
      county: await listen(fleet.county.station, port + 2),
      village2: await listen(fleet.village2.station, port + 3),
    };
    const province = await startDemoProvince(fleet.platform);
    if (binary) await startElectron(binary, fleet, hosts, province);
    else await startBrowser(fleet, hosts, fleet.village!, cards, province);
  } catch (e) {
    await fleet.close();
    await cards?.close();
    throw e;
  }
}

main().catch((e: unknown) => {
  console.error('代办演示启动失败 (start failed):', e instanceof Error ? e.message : e);
  process.exit(1);
});
