import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';
import type { PlatformDb, Queryable, Row } from './types';

/**
 * PGlite (PostgreSQL compiled to WebAssembly), the embedded default: a data directory for persistence or
 * memory when none is given. One connection; PGlite serialises queries and transactions itself.
 */
export async function openPgliteDb(dataDir?: string): Promise<PlatformDb> {
  // PGlite keeps its files in memory and flushes them itself: a second process on the same directory would
  // silently lose writes, so a lock file refuses it with a clear message.
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir);
  } catch (e) {
    unlock();
    throw e;
  }
  const wrap = (c: Pick<PGlite, 'query'>): Queryable => ({
    query: async <T extends Row = Row>(text: string, params?: readonly unknown[]) => (await c.query<T>(text, params as unknown[] | undefined)).rows,
  });
  const root = wrap(pglite);
  return {
    backend: 'pglite',
    query: root.query,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => pglite.transaction((tx) => fn(wrap(tx))),
    async close() {
      try {
        await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}
