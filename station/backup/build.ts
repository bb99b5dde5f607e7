import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupKind } from '../../core/api/backup-methods';
import { backupStore, schemaVersion, type StoreDb } from '../../db';
import { APP_VERSION } from '../runtime/app-version';
import { backupDir, DB_FILE, newBackupId, poolDir, SCANS_FILE, tempDir } from './layout';
import { writeManifest, type Manifest, type StoreCounts } from './manifest';
import { poolScans } from './pool';
import { readCounts, referencedScans } from './store-facts';
import { fileSha256, findBackupProblem, openCopy } from './verify';

export interface BuildDeps {
  dataDir: string;
  key: Buffer;
  now(): Date;
  /** Told how long the synchronous copy held the event loop. */
  onCopied?(ms: number, bytes: number): void;
}

interface Snapshot {
  schemaVersion: number;
  counts: StoreCounts;
  scans: string[];
}

/**
 * Copies the live store into a temp directory and finishes it into a verified backup. The copy and the
 * facts the manifest records are taken in one synchronous stretch, so no write of this process falls between.
 */
export async function buildBackup(deps: BuildDeps, db: StoreDb, kind: BackupKind): Promise<Manifest> {
  const createdAt = deps.now();
  const id = newBackupId(kind, createdAt);
  const tmp = tempDir(deps.dataDir, id);
  mkdirSync(tmp, { recursive: true, mode: 0o700 });
  try {
    const started = performance.now();
    const snapshot: Snapshot = { schemaVersion: schemaVersion(db), counts: readCounts(db), scans: referencedScans(db) };
    backupStore(db, join(tmp, DB_FILE));
    deps.onCopied?.(performance.now() - started, statSync(join(tmp, DB_FILE)).size);
    return await finishBackup(deps, tmp, { id, kind, createdAt: createdAt.toISOString() }, snapshot);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** For a copy made outside (the pre-migration copy db/open.ts makes): the facts are read from the copy itself. */
export async function finishCopiedBackup(deps: BuildDeps, tmp: string, id: string, kind: BackupKind, createdAt: string): Promise<Manifest> {
  const copy = openCopy(join(tmp, DB_FILE), deps.key);
  let snapshot: Snapshot;
  try {
    snapshot = { schemaVersion: schemaVersion(copy), counts: readCounts(copy), scans: referencedScans(copy) };
  } finally {
    copy.close();
  }
  return finishBackup(deps, tmp, { id, kind, createdAt }, snapshot);
}

async function finishBackup(deps: BuildDeps, tmp: string, meta: { id: string; kind: BackupKind; createdAt: string }, snapshot: Snapshot): Promise<Manifest> {
  const file = join(tmp, DB_FILE);
  const pool = poolDir(deps.dataDir);
  const { pooled } = await poolScans(join(deps.dataDir, 'attachments'), pool, snapshot.scans);
  writeFileSync(join(tmp, SCANS_FILE), pooled.join('\n') + '\n', { mode: 0o600 });
  const manifest: Manifest = {
    format: 1,
    ...meta,
    appVersion: APP_VERSION,
    schemaVersion: snapshot.schemaVersion,
    counts: snapshot.counts,
    db: { sha256: await fileSha256(file), size: statSync(file).size },
    verifiedAt: null,
    problem: null,
  };
  const problem = await findBackupProblem(tmp, manifest, deps.key, pool);
  const checked: Manifest = { ...manifest, verifiedAt: problem ? null : deps.now().toISOString(), problem };
  writeManifest(tmp, checked);
  // On disk before the rename makes it look whole (VACUUM INTO itself does not sync its output).
  for (const f of [file, join(tmp, 'manifest.json')]) syncFile(f);
  renameSync(tmp, backupDir(deps.dataDir, meta.id));
  return checked;
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
