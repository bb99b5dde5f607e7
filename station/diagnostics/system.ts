import { readdirSync, statSync } from 'node:fs';
import { arch, freemem, platform, release, totalmem, uptime } from 'node:os';
import { join } from 'node:path';
import type { DiagnosticsBundle } from '../../core/diagnostics/bundle';
import { diskFigures } from '../../base/node/disk';

const sizeOf = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

function dirBytes(dir: string): number {
  let total = 0;
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      total += entry.isDirectory() ? dirBytes(path) : sizeOf(path);
    }
  } catch {
    /* not there yet */
  }
  return total;
}

/** The process and the PC: versions, memory, uptime (no hostname or user name: those can be a person's). */
export function runtimeInfo(): DiagnosticsBundle['runtime'] {
  const mem = process.memoryUsage();
  return {
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    os: { platform: platform(), release: release().slice(0, 100), arch: arch() },
    memory: { rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, systemTotalBytes: totalmem(), systemFreeBytes: freemem() },
    uptime: { processSeconds: Math.floor(process.uptime()), systemSeconds: Math.floor(uptime()) },
  };
}

export async function diskInfo(dataDir: string): Promise<DiagnosticsBundle['disk']> {
  const { freeBytes, totalBytes } = await diskFigures(dataDir);
  const db = join(dataDir, 'daiban.db');
  return {
    freeBytes,
    totalBytes,
    storeBytes: sizeOf(db) + sizeOf(`${db}-wal`) + sizeOf(`${db}-shm`),
    attachmentsBytes: dirBytes(join(dataDir, 'attachments')),
  };
}
