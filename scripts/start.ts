/**
 * `npm start`: the demo terminal of a village service point (瑞金市叶坪乡华屋村).
 * - Builds the renderer when it is missing or stale.
 * - With the Electron runtime installed: bundles electron/ and starts the desktop shell (its store lives in
 *   .data/demo-electron/, key sealed by safeStorage, provisioned by main.ts because DAIBAN_DEMO=1).
 * - Without it (CI, this build machine): opens .data/demo/ with an UNSEALED key file and serves the UI with the
 *   browser host on 127.0.0.1 (port DAIBAN_PORT, default 5174). DAIBAN_BROWSER=1 forces this mode.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserHost } from '../station/browser-host';
import { DEMO_ADMIN, DEMO_CADRE, DEMO_SERVICE_POINT, openDemoTerminal } from './demo-terminal';
import { ensureRendererBuilt } from './renderer-build';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The Electron binary's path when the runtime is installed, else null (the npm package without its binary). */
function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function accounts(): string {
  return [
    `  代办员账号 cadre:  ${DEMO_CADRE.username} / ${DEMO_CADRE.password}（${DEMO_CADRE.displayName}）`,
    `  管理员账号 admin:  ${DEMO_ADMIN.username} / ${DEMO_ADMIN.password}`,
  ].join('\n');
}

function startElectron(binary: string): void {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  console.log(`\n代办终端（桌面版）启动中…… ${DEMO_SERVICE_POINT.name}\n${accounts()}\n`);
  const child = spawn(binary, [join(root, 'dist', 'electron', 'main.js')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DAIBAN_DEMO: '1', DAIBAN_USER_DATA: join(root, '.data', 'demo-electron') },
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

async function startBrowser(): Promise<void> {
  const staticDir = join(root, 'dist', 'renderer');
  const dataDir = join(root, '.data', 'demo');
  const terminal = await openDemoTerminal(dataDir);
  const port = Number(process.env.DAIBAN_PORT ?? 5174);
  let host;
  try {
    host = await startBrowserHost({ station: terminal.station, staticDir, port });
  } catch (e) {
    terminal.station.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`端口 ${port} 已被占用，请关闭占用它的程序，或设置 DAIBAN_PORT 换一个端口。 (port ${port} is in use; set DAIBAN_PORT)`);
      process.exit(1);
    }
    throw e;
  }

  const line = '─'.repeat(72);
  console.log(
    [
      line,
      '未安装 Electron 运行时，代办终端改以浏览器方式运行（仅限本机 127.0.0.1 访问）。',
      'The Electron runtime is not installed, so the terminal runs in the browser host (127.0.0.1 only).',
      '',
      `⚠ 数据库密钥以明文保存在 ${terminal.keyFile}，仅供演示和测试；正式使用请安装桌面版。`,
      `⚠ The database key is stored UNSEALED in ${terminal.keyFile} (demo/test only).`,
      '',
      `  ${DEMO_SERVICE_POINT.name}${terminal.provisioned ? '（首次运行，已初始化演示数据）' : ''}`,
      '  请用 Chrome、Edge 或 Chromium 打开 / open this URL (the token is part of it):',
      `  ${host.url}`,
      '',
      accounts(),
      '',
      '  按 Ctrl-C 退出 / Ctrl-C to stop.',
      line,
    ].join('\n'),
  );

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    host
      .close()
      .catch(() => undefined)
      .finally(() => {
        terminal.station.close();
        console.log('代办终端已关闭。 (stopped)');
        process.exit(0);
      });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function main(): Promise<void> {
  await ensureRendererBuilt(root);
  const binary = process.env.DAIBAN_BROWSER === '1' ? null : electronBinary();
  if (binary) startElectron(binary);
  else await startBrowser();
}

main().catch((e: unknown) => {
  console.error('代办终端启动失败 (start failed):', e);
  process.exit(1);
});
