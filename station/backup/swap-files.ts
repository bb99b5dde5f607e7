import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, verifyAuditChain, type StoreDb } from '../../db';
import { DB_FILE } from './layout';

export const STORE_FILES = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`];

export interface SwapFiles {
  dataDir: string;
  key: Buffer;
  /** The verified backup copy to bring in. */
  backupFile: string;
  /** Where the replaced files wait until the new store is open (deleted on success). */
  asideDir: string;
  /** Runs on the opened new store (put back scans, carry-over, audit entry); a throw undoes the swap. */
  prepare(db: StoreDb): void;
}

/**
 * With the live store closed: moves its files aside, copies the backup in, opens it (full integrity check,
 * migrations for an older backup), checks its audit chain and lets the caller finish it. On any failure the
 * set-aside files are put back and the error is rethrown; the caller reopens the old store. Synchronous.
 */
export function swapStoreFiles(o: SwapFiles): StoreDb {
  mkdirSync(o.asideDir, { recursive: true });
  for (const f of STORE_FILES) if (existsSync(join(o.dataDir, f))) renameSync(join(o.dataDir, f), join(o.asideDir, f));
  let fresh: StoreDb | null = null;
  try {
    const incoming = join(o.dataDir, `${DB_FILE}.restoring`);
    copyFileSync(o.backupFile, incoming);
    renameSync(incoming, join(o.dataDir, DB_FILE));
    fresh = openStore({ file: join(o.dataDir, DB_FILE), key: o.key, fullIntegrityCheck: true });
    const chain = verifyAuditChain(fresh);
    if (!chain.ok) throw new Error(`audit chain broken at ${chain.brokenAt}`);
    o.prepare(fresh);
  } catch (err) {
    fresh?.close();
    for (const f of STORE_FILES) rmSync(join(o.dataDir, f), { force: true });
    for (const f of STORE_FILES) if (existsSync(join(o.asideDir, f))) renameSync(join(o.asideDir, f), join(o.dataDir, f));
    rmSync(o.asideDir, { recursive: true, force: true });
    throw err;
  }
  rmSync(o.asideDir, { recursive: true, force: true });
  return fresh;
}
