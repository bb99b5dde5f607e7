import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey, LATEST_VERSION, schemaVersion, verifyAuditChain, type StoreDb } from '../../db';
import { DB_FILE, SCANS_FILE } from './layout';
import type { Manifest, StoreCounts } from './manifest';
import { readCounts } from './store-facts';

export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Opens a backup copy read-only with the store key; throws when the key does not open it. */
export function openCopy(file: string, key: Buffer): StoreDb {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function readScanList(dir: string): string[] {
  const path = join(dir, SCANS_FILE);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => /^[0-9a-f]{64}$/.test(l));
}

const COUNT_LABEL: Record<keyof StoreCounts, string> = {
  residents: '居民',
  applications: '申请',
  outboxPending: '待上传消息',
  attachments: '扫描件记录',
  auditEntries: '操作日志',
};

/**
 * Checks one backup directory against its manifest; returns the first problem in Chinese, or null.
 * Order: checksum (cheap, catches any changed byte), key, full integrity check (reads and authenticates every
 * page), the cipher's own check, schema version, audit chain, counts, scans in the pool.
 */
export async function findBackupProblem(dir: string, m: Manifest, key: Buffer, pool: string): Promise<string | null> {
  const file = join(dir, DB_FILE);
  if (!existsSync(file)) return '备份中的数据库文件不见了。';
  const size = statSync(file).size;
  if (size !== m.db.size || (await fileSha256(file)) !== m.db.sha256) return '备份文件的校验值与备份时不符，文件已被改动或损坏。';
  let db: StoreDb;
  try {
    db = openCopy(file, key);
  } catch {
    return '无法用本机密钥打开备份：密钥不符或文件已损坏。';
  }
  try {
    let integrity: string[];
    try {
      integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (e) {
      return `备份数据库完整性检查未通过（${String((e as Error).message ?? e)}）。`;
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') return `备份数据库完整性检查未通过：${integrity.slice(0, 3).join('；')}`;
    // SQLCipher's own page check; SQLite3MultipleCiphers accepts the pragma and returns no rows (see docs/station.md).
    const cipher = db.pragma('cipher_integrity_check') as unknown[];
    if (cipher.length > 0) return '备份文件的加密页校验未通过。';
    const version = schemaVersion(db);
    if (version < 1 || version > LATEST_VERSION) return `备份的数据版本（${version}）本软件无法识别。`;
    if (version !== m.schemaVersion) return `备份的数据版本（${version}）与备份说明（${m.schemaVersion}）不符。`;
    const audit = verifyAuditChain(db);
    if (!audit.ok) return `备份中的操作日志在第${audit.brokenAt}条处被改动，日志链不完整。`;
    const counts = readCounts(db);
    for (const k of Object.keys(COUNT_LABEL) as (keyof StoreCounts)[]) {
      if (counts[k] !== m.counts[k]) return `备份中的${COUNT_LABEL[k]}数量（${counts[k]}）与备份时记录的（${m.counts[k]}）不符。`;
    }
    const pooled = new Set(readScanList(dir));
    const missing = [...pooled].filter((sha) => !existsSync(join(pool, sha)));
    if (missing.length > 0) return `备份缺少${missing.length}份扫描件文件。`;
    return null;
  } finally {
    db.close();
  }
}
