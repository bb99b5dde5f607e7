import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where a platform keeps release files: the given directory, else `<dataDir>/releases` next to PGlite's data,
 * else (in memory, or PostgreSQL without a directory) a temporary one removed when the platform closes.
 */
export function platformReleaseDir(o: { releaseDir?: string; dataDir?: string; databaseUrl?: string }): { path: string; dispose(): void } {
  if (o.releaseDir) return { path: resolve(o.releaseDir), dispose: () => {} };
  if (o.dataDir && !o.databaseUrl) return { path: join(resolve(o.dataDir), 'releases'), dispose: () => {} };
  const path = mkdtempSync(join(tmpdir(), 'daiban-releases-'));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}
