import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { DaibanError } from '../core/errors';
import { latestOf, migrate, schemaVersion } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';

export type StoreDb = Db;

export interface OpenStoreOptions {
  /** Path of the database file (SQLCipher cannot key an in-memory database). */
  file: string;
  /** 32 random bytes. Used as a raw SQLCipher key (no passphrase KDF: the key is already random). */
  key: Buffer;
  /** Stop at this schema version (tests of upgrades); default: the latest. */
  migrateTo?: number;
  /** The migrations this build knows (default: all of them; tests stand in an older build with fewer). */
  migrations?: readonly Migration[];
  /** The app's version, recorded with each migration (db/migrate.ts, schema_history). */
  appVersion?: string;
  /** Run PRAGMA integrity_check instead of the faster quick_check. */
  fullIntegrityCheck?: boolean;
  /**
   * Skip the integrity check at open: the caller runs it in the background (station/runtime/store-integrity.ts).
   * A wrong key is still refused at once (the schema is read).
   */
  deferIntegrityCheck?: boolean;
  /**
   * Called when an existing store is about to be migrated; returns where to put an encrypted copy of it
   * first (station code owns the backup layout). Not called for a new, empty store.
   */
  backupBeforeMigration?: (fromVersion: number) => string;
}

/** The cipher settings as pragmas, in order (also run by the background integrity check's own connection). */
export function keyPragmas(key: Buffer): string[] {
  if (key.length !== 32) throw new DaibanError('STORE_KEY_WRONG', '数据库密钥长度不正确。');
  return [`cipher='sqlcipher'`, 'legacy=4', `key="x'${key.toString('hex')}'"`];
}

/** Applies the cipher settings; must run before anything else touches the file. */
export function applyKey(db: Db, key: Buffer): void {
  for (const p of keyPragmas(key)) db.pragma(p);
}

/**
 * Opens (or creates) the encrypted store: key, WAL, foreign keys, integrity check, migrations.
 * A wrong key or a damaged file is refused with a clear message instead of being "repaired".
 */
export function openStore(options: OpenStoreOptions): StoreDb {
  const db = new Database(options.file);
  try {
    applyKey(db, options.key);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (e) {
      throw new DaibanError('STORE_KEY_WRONG', '无法打开数据文件：密钥不匹配或文件已损坏。请联系县级运维人员。', {
        cause: String(e),
      });
    }
    db.pragma('journal_mode = WAL');
    // FULL: a receipt handed to a resident must survive a power cut that follows it.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.deferIntegrityCheck) checkIntegrity(db, options.fullIntegrityCheck ?? false);
    const from = schemaVersion(db);
    const migrations = options.migrations ?? MIGRATIONS;
    if (options.backupBeforeMigration && from > 0 && from < (options.migrateTo ?? latestOf(migrations))) {
      backupStore(db, options.backupBeforeMigration(from));
    }
    migrate(db, { target: options.migrateTo, migrations, appVersion: options.appVersion });
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function checkIntegrity(db: Db, full: boolean): void {
  const rows = db.pragma(full ? 'integrity_check' : 'quick_check') as { integrity_check?: string; quick_check?: string }[];
  const messages = rows.map((r) => r.integrity_check ?? r.quick_check ?? '');
  if (messages.length !== 1 || messages[0] !== 'ok') {
    throw new DaibanError('STORE_CORRUPT', '数据文件完整性检查未通过，请停止使用并联系县级运维人员。', {
      problems: messages.slice(0, 10),
    });
  }
}

/** An online, encrypted copy (same cipher and key) of a consistent snapshot; writers are not blocked. */
export function backupStore(db: Db, destination: string): void {
  db.prepare('VACUUM INTO ?').run(destination);
}
