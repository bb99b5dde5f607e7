import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PlatformError } from '../errors';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<dataDir>.lock` (holding our pid) or refuses when a live process holds it. A lock left by a
 * process that died is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${resolve(dataDir)}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new PlatformError(
          503,
          'UNAVAILABLE',
          `平台数据目录 ${resolve(dataDir)} 正被另一个进程（PID ${pid}）使用。内置数据库（PGlite）的数据目录同一时间只能由一个进程打开：` +
            '请先停止正在运行的平台（npm run platform -- serve 或 npm start）再执行本命令，或设置 DATABASE_URL 改用 PostgreSQL。',
          { lockPath, pid },
        );
      }
      if (pid === process.pid) {
        throw new PlatformError(503, 'UNAVAILABLE', `平台数据目录 ${resolve(dataDir)} 已在本进程中打开，不能重复打开。`, { lockPath });
      }
      rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new PlatformError(503, 'UNAVAILABLE', `无法锁定平台数据目录 ${resolve(dataDir)}，请重试。`, { lockPath });
}
