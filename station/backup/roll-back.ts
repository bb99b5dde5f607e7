import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { shanghaiDateTime } from '../../core/calendar';
import { DaibanError } from '../../core/errors';
import { applyKey, schemaVersion } from '../../db';
import { BACKUP_ID, backupDir, backupsDir, DB_FILE } from './layout';
import { readManifest, type Manifest } from './manifest';
import { STORE_FILES } from './swap-files';

/** What an older build did with a store a newer one had migrated (kept in settings, said on screen and to the fleet). */
export interface StoreRollback {
  at: string;
  /** The newer store's schema, and the one this build went back to. */
  fromSchema: number;
  toSchema: number;
  backupId: string;
  backupCreatedAt: string;
  /** Where the newer store's files wait, untouched: a newer build can take them back. */
  asideDir: string;
  /** Made after the backup, so not in the store this build now runs on (null: the newer store could not be read). */
  setAside: { applications: number; pendingMessages: number } | null;
}

/** The newest verified backup of a schema this build knows: the copy the newer build made before migrating. */
function newestKnownBackup(dataDir: string, knownSchema: number): Manifest | null {
  if (!existsSync(backupsDir(dataDir))) return null;
  const manifests = readdirSync(backupsDir(dataDir))
    .filter((id) => BACKUP_ID.test(id))
    .map((id) => readManifest(backupDir(dataDir, id)))
    .filter((m): m is Manifest => m !== null && m.problem === null && m.schemaVersion <= knownSchema && m.schemaVersion > 0);
  return manifests.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ?? null;
}

/** What the newer store holds beyond the backup, read without changing it. */
function countSetAside(file: string, key: Buffer, since: string): StoreRollback['setAside'] {
  const db = new Database(file, { readonly: true });
  try {
    applyKey(db, key);
    const one = (sql: string) => (db.prepare(sql).get(since) as { n: number }).n;
    return {
      applications: one(`SELECT count(*) AS n FROM applications WHERE created_at > ?`),
      pendingMessages: one(`SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND created_at > ?`),
    };
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/**
 * An older build found a store a newer build had migrated (a rollback past a migration, or an older version
 * installed by hand). Instead of ending unable to open its store, it goes back to the newest verified backup
 * of a schema it knows, and keeps the newer store's files aside, unchanged, with what they hold beyond the
 * backup counted. Without such a backup nothing is touched and STORE_NEWER says to install the newer build.
 */
export function rollBackToKnownStore(o: { dataDir: string; key: Buffer; knownSchema: number; now: Date }): StoreRollback {
  const live = join(o.dataDir, DB_FILE);
  const fromSchema = readSchema(live, o.key);
  const backup = newestKnownBackup(o.dataDir, o.knownSchema);
  if (!backup) {
    throw new DaibanError(
      'STORE_NEWER',
      `本机数据已被更新版本的代办软件升级（数据第${fromSchema}版，本软件只认识到第${o.knownSchema}版），也没有可用的升级前备份。数据未作任何改动：请安装更新版本，或联系县级运维人员。`,
      { storeVersion: fromSchema, knownVersion: o.knownSchema },
    );
  }
  const setAside = countSetAside(live, o.key, backup.createdAt);
  const stamp = o.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const asideDir = join(o.dataDir, 'newer-store', `${stamp}-schema-${fromSchema}`);
  mkdirSync(asideDir, { recursive: true, mode: 0o700 });
  for (const f of STORE_FILES) if (existsSync(join(o.dataDir, f))) renameSync(join(o.dataDir, f), join(asideDir, f));
  const incoming = join(o.dataDir, `${DB_FILE}.restoring`);
  copyFileSync(join(backupDir(o.dataDir, backup.id), DB_FILE), incoming);
  renameSync(incoming, live);
  return {
    at: o.now.toISOString(),
    fromSchema,
    toSchema: backup.schemaVersion,
    backupId: backup.id,
    backupCreatedAt: backup.createdAt,
    asideDir,
    setAside,
  };
}

function readSchema(file: string, key: Buffer): number {
  const db = new Database(file, { readonly: true });
  try {
    applyKey(db, key);
    return schemaVersion(db);
  } finally {
    db.close();
  }
}

/** The rollback as the cadre and IT staff read it. */
export function describeRollback(r: StoreRollback): string {
  const lost = r.setAside
    ? `，其后办理的 ${r.setAside.applications} 件申请（其中 ${r.setAside.pendingMessages} 条记录尚未上传）保存在另存的数据文件中，重新安装新版本可找回`
    : '，其后的办理记录保存在另存的数据文件中';
  return `本机安装了较早的版本，无法打开新版本升级过的数据（第${r.fromSchema}版），已恢复到升级前的备份（${shanghaiDateTime(r.backupCreatedAt)}）${lost}。`;
}
