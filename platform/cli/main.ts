import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { account, catalog, enrollCode, flag, terminals, type Flags } from './commands';
import { DIAGNOSTICS_HELP, diagnostics } from './diagnostics';
import { FLEET_HELP, fleet } from './fleet';
import { CALENDAR_HELP, calendar } from './calendar';
import { DIVISIONS_HELP, divisions } from './divisions';
import { GATEWAY_HELP, gateway } from './gateway';
import { RATINGS_HELP, ratings } from './ratings';
import { TRANSFER_HELP, transfer } from './transfer';
import { RECEIPT_HELP, receipt } from './receipt';
import { RELEASE_HELP, release } from './release';
import { isPlatformError } from '../errors';
import { startPlatform, type RunningPlatform } from '../index';

/**
 * The platform's command line for IT staff: `npm run platform -- <command> [--flags]`.
 * Database: DATABASE_URL (PostgreSQL), else PGlite at DAIBAN_PLATFORM_DATA (default .data/platform).
 */

const HELP = `代办平台运维命令（npm run platform -- <命令> [参数]）

  serve [--port 8650] [--host 127.0.0.1] [--trust-proxy <负载均衡地址,…>]
                                                    启动平台服务（Ctrl+C 停止）；多实例部署在负载均衡之后时
                                                    用 --trust-proxy 给出负载均衡的地址（须用 PostgreSQL）
  enroll-code --division <区划代码> --role village|township|county --name <服务点名称> [--ttl-hours 168]
                                                    生成一次性终端注册码
  account create --username <用户名> --name <姓名> --role cadre|reviewer|admin|it --division <区划代码> [--password <密码>]
                                                    创建账号（不给密码时自动生成并显示一次；
                                                    it 为县级运维人员，区划用2、4或6位代码）
  account disable --username <用户名>                停用账号
  account reset-password --username <用户名> [--password <密码>]
                                                    重置密码
  catalog publish --file <目录JSON> | --seed        发布事项目录（--seed 为内置种子目录）
  terminals                                         列出已注册终端
${FLEET_HELP}
${RELEASE_HELP}
${DIAGNOSTICS_HELP}
${RECEIPT_HELP}
${DIVISIONS_HELP}
${CALENDAR_HELP}
${GATEWAY_HELP}
${RATINGS_HELP}
${TRANSFER_HELP}
  help                                              显示本帮助

数据库：设置 DATABASE_URL 时使用 PostgreSQL，否则使用内置数据库 PGlite，数据目录为
DAIBAN_PLATFORM_DATA（默认 .data/platform）。PGlite 的数据目录同一时间只能由一个进程打开：
平台服务运行时请先停止它，或改用 PostgreSQL。`;

function databaseOptions() {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const data = process.env.DAIBAN_PLATFORM_DATA || '.data/platform';
  // The release store's files (docs/updates.md): DAIBAN_RELEASE_DIR, else beside the platform's data.
  const releaseDir = resolve(process.env.DAIBAN_RELEASE_DIR || resolve(data, 'releases'));
  return { databaseUrl, dataDir: databaseUrl ? undefined : resolve(data), releaseDir };
}

async function serve(flags: Flags): Promise<void> {
  const port = Number(flag(flags, 'port', false) ?? 8650);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('端口应为0到65535之间的整数');
  const db = databaseOptions();
  const proxies = flag(flags, 'trust-proxy', false)
    ?.split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  // PGlite is one process's embedded database: several instances need PostgreSQL.
  if (proxies?.length && !db.databaseUrl)
    throw new Error('多实例部署（--trust-proxy）须使用 PostgreSQL：请设置 DATABASE_URL。内置数据库 PGlite 只供单个进程使用');
  const platform = await startPlatform({ ...db, host: flag(flags, 'host', false) ?? '127.0.0.1', port, ...(proxies?.length ? { trustProxy: proxies } : {}) });
  console.log(`平台已启动：${platform.url}（数据库：${db.databaseUrl ? 'PostgreSQL' : `PGlite ${db.dataDir}`}）`);
  await new Promise<void>((done) => {
    const stop = () => {
      console.log('正在停止平台…');
      platform.close().then(done, done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function withPlatformDb(fn: (p: RunningPlatform) => Promise<void>): Promise<void> {
  // The admin operations need no HTTP, but one code path keeps them identical to what `serve` runs.
  const platform = await startPlatform({ ...databaseOptions(), log: false });
  try {
    await fn(platform);
  } finally {
    await platform.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'trust-proxy': { type: 'string' },
      division: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      file: { type: 'string' },
      seed: { type: 'boolean' },
      'ttl-hours': { type: 'string' },
      // fleet, releases, diagnostics
      terminal: { type: 'string' },
      channel: { type: 'string' },
      version: { type: 'string' },
      dir: { type: 'string' },
      percentage: { type: 'string' },
      notes: { type: 'string' },
      out: { type: 'string' },
      flagged: { type: 'boolean' },
      id: { type: 'string' },
      code: { type: 'string' },
      'store-schema': { type: 'string' },
      // ratings
      'revisit-days': { type: 'string' },
      'rectify-days': { type: 'string' },
      source: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub] = positionals;
  const flags = values as Flags;
  const out = (line: string) => console.log(line);
  if (!command || command === 'help' || values.help) {
    console.log(HELP);
    return 0;
  }
  switch (command) {
    case 'serve':
      await serve(flags);
      return 0;
    case 'enroll-code':
      await withPlatformDb((p) => enrollCode(p, flags, out));
      return 0;
    case 'account':
      await withPlatformDb((p) => account(p, sub, flags, out));
      return 0;
    case 'catalog':
      await withPlatformDb((p) => catalog(p, sub, flags, out));
      return 0;
    case 'terminals':
      await withPlatformDb((p) => terminals(p, out));
      return 0;
    case 'fleet':
      await withPlatformDb((p) => fleet(p, sub, flags, out));
      return 0;
    case 'release':
      await withPlatformDb((p) => release(p, sub, flags, out));
      return 0;
    case 'diagnostics':
      await withPlatformDb((p) => diagnostics(p, sub, flags, out));
      return 0;
    case 'calendar':
      await withPlatformDb((p) => calendar(p, sub, flags, out));
      return 0;
    case 'divisions':
      await withPlatformDb((p) => divisions(p, sub, flags, out));
      return 0;
    case 'gateway':
      await withPlatformDb((p) => gateway(p, sub, flags, out));
      return 0;
    case 'transfer':
      await withPlatformDb((p) => transfer(p, sub, positionals[2], flags, out));
      return 0;
    case 'ratings':
      await withPlatformDb((p) => ratings(p, sub, flags, out));
      return 0;
    case 'receipt': {
      // Exit 3 when the code is not genuine, so a script can tell.
      let status = 0;
      await withPlatformDb(async (p) => {
        status = await receipt(p, sub, flags, out);
      });
      return status;
    }
    default:
      console.error(`未知命令：${command}。运行 npm run platform -- help 查看用法。`);
      return 1;
  }
}

function describe(e: unknown): string {
  if (isPlatformError(e)) return e.message;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return `参数不正确：${(e as Error).message}。运行 npm run platform -- help 查看用法。`;
  }
  if (code === 'ECONNREFUSED') return '无法连接到 PostgreSQL，请检查 DATABASE_URL 和数据库服务是否运行';
  if (code === 'EADDRINUSE') return '端口已被占用，请换一个端口（--port）或先停止占用它的程序';
  return `执行失败：${e instanceof Error ? e.message : String(e)}`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`错误：${describe(e)}`);
    process.exit(1);
  },
);
