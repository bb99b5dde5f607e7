import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * A platform instance as a province runs it: `platform serve` in its own process on a PostgreSQL, so a bench
 * measures its CPU apart from the load's (request logs at warn, as they would be shipped elsewhere).
 * `DAIBAN_BENCH_CPU_PROF=<dir>`: the instance writes a V8 CPU profile there when it stops (for Chrome's DevTools).
 */
export interface PlatformProcess {
  child: ChildProcess;
  url: string;
  port: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startPlatformProcess(databaseUrl: string, releaseDir: string, o: { trustProxy?: boolean } = {}): Promise<PlatformProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...(process.env.DAIBAN_BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.DAIBAN_BENCH_CPU_PROF] : []),
      '--import',
      'tsx',
      'platform/cli/main.ts',
      'serve',
      '--port',
      String(port),
      ...(o.trustProxy ? ['--trust-proxy', '127.0.0.1'] : []),
    ],
    { env: { ...process.env, DATABASE_URL: databaseUrl, DAIBAN_RELEASE_DIR: releaseDir, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/v1/health`)).status === 204) return { child, url, port, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error('platform instance did not start');
}
