import type { Logger } from 'pino';
import { createPlatformAdmin, type PlatformAdmin } from './admin';
import { buildPlatformApp } from './app';
import type { PlatformContext } from './context';
import { openPlatformDb } from './database/open';
import type { PlatformDb } from './database/types';
import { platformLogger } from './log';
import { createDiagnosticsAdmin, type DiagnosticsAdmin } from './diagnostics';
import { fleetReport, type FleetQuery } from './fleet';
import type { FleetReport } from '../core/admin/api';
import { createReleaseAdmin, type ReleaseAdmin } from './releases';
import { platformReleaseDir } from './releases/release-dir';
import { startNoticeSweeper } from './review/notices';
import { createGatewayAdmin, startGatewayWorker, type GatewayAdmin } from './gateway';
import { DEFAULT_RETENTION, startRetention, type RetentionPolicy } from './retention';
import { platformTransferKeys } from './transfer/keys';

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
  /** The release store's files (default `<dataDir>/releases`, else a temporary directory removed on close). */
  releaseDir?: string;
  /** How often running notices (公示) are checked for their end (platform/review/notices.ts); default 60 s. */
  noticeSweepMs?: number;
  /** The load balancer's addresses when several instances run behind one (platform/app.ts). */
  trustProxy?: string[];
  /** How often the gateway hands due applications to the province's own system (platform/gateway); default 10 s. */
  gatewayDeliveryMs?: number;
  /** How long transport rows are kept (platform/retention.ts); purged hourly. */
  retention?: RetentionPolicy;
}

export interface RunningPlatform {
  /** http(s)://127.0.0.1:PORT, no trailing slash. */
  url: string;
  port: number;
  admin: PlatformAdmin;
  /** The fleet view (platform/fleet): every terminal's last report and its flags. */
  fleet(q?: FleetQuery): Promise<FleetReport>;
  releases: ReleaseAdmin;
  /** Diagnostics bundles IT asks terminals for (platform/diagnostics). */
  diagnostics: DiagnosticsAdmin;
  /** Connectors to the province's own platform (platform/gateway). */
  gateway: GatewayAdmin;
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
  const releaseDir = platformReleaseDir(o);
  const ctx: PlatformContext = { db, now: o.now ?? (() => new Date()), log, releaseDir: releaseDir.path };
  const app = buildPlatformApp(ctx, { maxInflightOutbox: o.maxInflightOutbox, https: o.https, logRequests: o.log !== false, trustProxy: o.trustProxy });
  const host = o.host ?? '127.0.0.1';
  try {
    await app.listen({ host, port: o.port ?? 0 });
  } catch (e) {
    await db.close().catch(() => {});
    releaseDir.dispose();
    throw e;
  }
  const stopSweeper = startNoticeSweeper(ctx, o.noticeSweepMs ?? 60_000);
  const stopGateway = startGatewayWorker(ctx, o.gatewayDeliveryMs ?? 10_000);
  const stopRetention = startRetention(ctx, o.retention ?? DEFAULT_RETENTION);
  // Made at the first start (and announced down the feed), so terminals have them before a village goes offline.
  await platformTransferKeys(ctx).catch((e: unknown) => log.error({ err: e }, 'transfer keys not ready; made at first use'));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (o.port ?? 0);
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | undefined;
  return {
    url: `${o.https ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    admin: createPlatformAdmin(ctx),
    fleet: (q) => fleetReport(ctx, q),
    releases: createReleaseAdmin(ctx),
    diagnostics: createDiagnosticsAdmin(ctx),
    gateway: createGatewayAdmin(ctx),
    db,
    close: () =>
      (closed ??= (async () => {
        await Promise.all([stopSweeper(), stopGateway(), stopRetention()]);
        try {
          await app.close();
        } finally {
          await db.close();
          releaseDir.dispose();
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
export type { ReleaseAdmin, PublishReleaseInput } from './releases';
export type { DiagnosticsAdmin } from './diagnostics';
export type { GatewayAdmin, ConnectorStatus } from './gateway';
