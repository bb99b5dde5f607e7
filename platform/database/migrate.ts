import { MIGRATIONS, type Migration } from './migrations';
import type { PlatformDb } from './types';

/** Any constant: serialises two processes migrating the same PostgreSQL database at once. */
const MIGRATION_LOCK = 4_640_301;

/** Applies the pending migrations in order, each in its own transaction, recorded in schema_migrations. */
export async function migrate(db: PlatformDb, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const found = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (found.length > 0) return false;
      for (const statement of m.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
