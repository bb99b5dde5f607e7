/**
 * The little the platform needs from a database, so PostgreSQL (pg Pool) and the embedded PGlite are
 * interchangeable. Rows come back as plain objects; code casts bigint and date columns to text in SQL
 * because the two drivers parse those types differently.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface PlatformDb extends Queryable {
  readonly backend: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** SQLSTATE of a unique violation, the same from both drivers. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}

/** A timestamptz column as ISO 8601 (both drivers give a Date; text is accepted for safety). */
export function isoOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}

export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : isoOf(value);
}

/** A bytea column as a Buffer (pg gives a Buffer, PGlite a Uint8Array). */
export function bufferOf(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError('expected a bytea value');
}
