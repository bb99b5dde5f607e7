import pg from 'pg';
import type { PlatformDb, Queryable, Row } from './types';

/** PostgreSQL through a pg Pool: the production database of a provincial platform. */
export async function openPostgresDb(databaseUrl: string, o: { onError?: (e: Error) => void } = {}): Promise<PlatformDb> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (e) => o.onError?.(e));
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <T extends Row = Row>(text: string, params?: readonly unknown[]) => (await c.query(text, params as unknown[] | undefined)).rows as T[],
  });
  // Fail now, with the driver's message, rather than on the first request.
  await pool.query('SELECT 1');
  const root = wrap(pool);
  return {
    backend: 'postgres',
    query: root.query,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw e;
      } finally {
        // A client whose ROLLBACK failed is in an unknown state: destroy it instead of reusing it.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
