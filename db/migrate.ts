import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DaibanError } from '../core/errors';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the store up to `target` (default: the latest), one transaction per migration, so a crash
 * mid-upgrade leaves the store at the last complete version.
 */
export function migrate(db: Database, target = LATEST_VERSION, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new DaibanError('STORE_CORRUPT', '数据文件来自更新版本的代办软件，请升级本软件后再打开。', { storeVersion: current, appVersion: LATEST_VERSION });
  }
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
