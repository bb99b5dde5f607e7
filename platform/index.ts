import type { Logger } from 'pino';
import { createPlatformAdmin, type PlatformAdmin } from './admin';
import { buildPlatformApp } from './app';
import type { PlatformContext } from './context';
import { openPlatformDb } from './database/open';
import type { PlatformDb } from './database/types';
import { platformLogger } from './log';

/**
 * The reference provincial side of sync protocol v1 (DESIGN.md §5): Fastify over PostgreSQL (pg) when a
 * databaseUrl is given, else the embedded PGlite (a data directory, or memory).
 */
export interface PlatformOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a random free port. */
  port?: number;
  log?: Logger | false;
  now?: () => Date;
  /** Outbox batches worked on at once; more are answered 503 with Retry-After (default 8). */
  maxInflightOutbox?: number;
  /** TLS with the provincial certificate (docs/platform.md); plain HTTP when absent. */
  https?: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer | (string | Buffer)[] };
}

export interface RunningPlatform {
  /** http(s)://127.0.0.1:PORT, no trailing slash. */
  url: string;
  port: number;
  admin: PlatformAdmin;
  db: PlatformDb;
  close(): Promise<void>;
}

export async function startPlatform(o: PlatformOptions = {}): Promise<RunningPlatform> {
  const log = platformLogger(o.log);
  const db = await openPlatformDb({
    databaseUrl: o.databaseUrl,
    dataDir: o.dataDir,
    onPoolError: (e) => log.error({ err: e }, 'database connection lost'),
  });
  const ctx: PlatformContext = { db, now: o.now ?? (() => new Date()), log };
  const app = buildPlatformApp(ctx, { maxInflightOutbox: o.maxInflightOutbox, https: o.https, logRequests: o.log !== false });
  const host = o.host ?? '127.0.0.1';
  try {
    await app.listen({ host, port: o.port ?? 0 });
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (o.port ?? 0);
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | undefined;
  return {
    url: `${o.https ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    admin: createPlatformAdmin(ctx),
    db,
    close: () =>
      (closed ??= (async () => {
        try {
          await app.close();
        } finally {
          await db.close();
        }
      })()),
  };
}

export type { PlatformAdmin } from './admin';
export type { PlatformDb, Queryable } from './database/types';
export { buildPlatformApp, type BuildPlatformAppOptions } from './app';
export { openPlatformDb, type OpenPlatformDbOptions } from './database/open';
export { createPlatformAdmin } from './admin';
export { PlatformError } from './errors';
export type { PlatformContext } from './context';
