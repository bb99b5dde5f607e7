import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DaibanError } from '../core/errors';
import { MIGRATIONS, type Migration } from './migrations';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export interface MigrateOptions {
  /** Stop at this version (tests of upgrades); default: the newest this build knows. */
  target?: number;
  /** What this build knows (tests stand in an older build with fewer). */
  migrations?: readonly Migration[];
  /** Recorded with each migration from schema_history on (migration 016). */
  appVersion?: string;
  now?: () => Date;
}

/** The newest schema version a list of migrations reaches. */
export function latestOf(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/**
 * Brings the store up to `target`, one transaction per migration, so a crash mid-upgrade leaves the store at
 * the last complete version; each migration from 016 on records the app version that upgraded the store. A store a
 * newer build migrated is refused with STORE_NEWER and left as it is (station/backup/roll-back.ts decides).
 */
export function migrate(db: Database, o: MigrateOptions = {}): number {
  const migrations = o.migrations ?? MIGRATIONS;
  const known = latestOf(migrations);
  const current = schemaVersion(db);
  if (current > known) {
    throw new DaibanError('STORE_NEWER', `数据文件来自更新版本的代办软件（数据第${current}版，本软件只认识到第${known}版），请安装更新版本后再打开。`, {
      storeVersion: current,
      knownVersion: known,
    });
  }
  const target = o.target ?? known;
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
      // An existing store being upgraded: this version is the oldest known to open the result. A new store says
      // nothing of older versions, so it records nothing (the release's declared schema decides, docs/updates.md).
      if (m.version >= SCHEMA_HISTORY_VERSION && current > 0) {
        db.prepare('INSERT OR REPLACE INTO schema_history (version, app_version, applied_at) VALUES (?, ?, ?)').run(
          m.version,
          o.appVersion ?? 'unknown',
          (o.now?.() ?? new Date()).toISOString(),
        );
      }
    })();
  }
  return schemaVersion(db);
}

/** The migration that created schema_history. */
const SCHEMA_HISTORY_VERSION = 16;

/**
 * The app version that brought the store to its current schema (null before migration 016, or when unknown):
 * a build older than it cannot open the store.
 */
export function schemaFloor(db: Database): { schemaVersion: number; appVersion: string } | null {
  if (schemaVersion(db) < SCHEMA_HISTORY_VERSION) return null;
  const row = db.prepare('SELECT version, app_version FROM schema_history ORDER BY version DESC LIMIT 1').get() as
    { version: number; app_version: string } | undefined;
  return row && row.app_version !== 'unknown' ? { schemaVersion: row.version, appVersion: row.app_version } : null;
}
