import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Scans are already sealed files named by their content hash, so backups share one pool and each file is
 * copied once, whatever the number of backups. A copy (a reflink where the file system can), not a hard
 * link: a backup that shares its bytes with the live file is no protection against a damaged disk block.
 */
export async function poolScans(attachmentsDir: string, pool: string, shas: readonly string[]): Promise<{ pooled: string[]; missing: string[] }> {
  mkdirSync(pool, { recursive: true });
  const pooled: string[] = [];
  const missing: string[] = [];
  for (const sha of shas) {
    const target = join(pool, sha);
    if (existsSync(target)) {
      pooled.push(sha);
      continue;
    }
    const source = join(attachmentsDir, sha);
    if (!existsSync(source)) {
      missing.push(sha);
      continue;
    }
    const tmp = `${target}.tmp`;
    await copyFile(source, tmp, constants.COPYFILE_FICLONE);
    renameSync(tmp, target);
    pooled.push(sha);
  }
  return { pooled, missing };
}

/** Puts back scans the restored store refers to that the attachments folder lacks; returns how many. */
export function restoreScans(attachmentsDir: string, pool: string, shas: readonly string[]): number {
  mkdirSync(attachmentsDir, { recursive: true });
  let restored = 0;
  for (const sha of shas) {
    const target = join(attachmentsDir, sha);
    const source = join(pool, sha);
    if (existsSync(target) || !existsSync(source)) continue;
    const tmp = `${target}.restore.tmp`;
    copyFileSync(source, tmp, constants.COPYFILE_FICLONE);
    renameSync(tmp, target);
    restored++;
  }
  return restored;
}

/** Deletes pooled scans no kept backup refers to (and copies left half-done by a crash). */
export function prunePool(pool: string, keep: ReadonlySet<string>): number {
  if (!existsSync(pool)) return 0;
  let removed = 0;
  for (const name of readdirSync(pool)) {
    if (keep.has(name)) continue;
    rmSync(join(pool, name), { force: true });
    removed++;
  }
  return removed;
}
