import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE, newBackupId, tempDir } from './layout';
import { finishCopiedBackup, type BuildDeps } from './build';
import type { Manifest } from './manifest';

/**
 * The hook db/open.ts calls before it migrates an existing store, and the step that turns the raw copy into
 * a listed, verified backup once the store is open (the manifest's facts come from the copy: the live store
 * has moved on to the new schema by then).
 */
export function preMigrationBackup(deps: BuildDeps) {
  let pending: { id: string; tmp: string; createdAt: string } | null = null;
  return {
    destination(_fromVersion: number): string {
      const at = deps.now();
      const id = newBackupId('pre-migration', at);
      const tmp = tempDir(deps.dataDir, id);
      mkdirSync(tmp, { recursive: true, mode: 0o700 });
      pending = { id, tmp, createdAt: at.toISOString() };
      return join(tmp, DB_FILE);
    },
    /** Null when no migration ran. Called even when the migration failed: the copy is then the way back. */
    async finish(): Promise<Manifest | null> {
      const p = pending;
      pending = null;
      if (!p || !existsSync(join(p.tmp, DB_FILE))) return null;
      return finishCopiedBackup(deps, p.tmp, p.id, 'pre-migration', p.createdAt);
    },
  };
}
