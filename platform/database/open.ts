import { migrate } from './migrate';
import { openPgliteDb } from './pglite';
import { openPostgresDb } from './postgres';
import type { PlatformDb } from './types';

export interface OpenPlatformDbOptions {
  /** postgres://… : PostgreSQL through pg. Wins over dataDir. */
  databaseUrl?: string;
  /** PGlite's data directory; in memory when absent. */
  dataDir?: string;
  onPoolError?: (e: Error) => void;
}

/** Opens the platform's database and brings its schema up to date. */
export async function openPlatformDb(o: OpenPlatformDbOptions = {}): Promise<PlatformDb> {
  const db = o.databaseUrl ? await openPostgresDb(o.databaseUrl, { onError: o.onPoolError }) : await openPgliteDb(o.dataDir);
  try {
    await migrate(db);
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }
  return db;
}
