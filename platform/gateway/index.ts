import { firstRefusal, checkInput } from '../../core/refusal';
import type { PlatformContext } from '../context';
import { isoOf } from '../database/types';
import { invalidInput, notFound } from '../errors';
import { startPeriodic } from '../periodic';
import { connectorConfigSchema, type ConnectorConfig } from './config';
import { backfillGateway } from './enqueue';
import { deliverDue } from './outbox';

export interface ConnectorStatus {
  name: string;
  url: string;
  enabled: boolean;
  reviewExternally: boolean;
  delivered: number;
  waiting: number;
  /** Waiting after at least one failed attempt. */
  retrying: number;
  oldestWaitingSince: string | null;
  lastErrors: { applicationId: string; attempts: number; error: string; nextAttemptAt: string }[];
}

/** What IT does with the gateway (the CLI calls this; docs/gateway.md). */
export interface GatewayAdmin {
  /** Adds or replaces a connector from its JSON configuration; applications arriving from now on go to it. */
  setConnector(input: unknown): Promise<ConnectorConfig>;
  /** Stops handing over and taking decisions; what waits stays and goes once it is enabled again. */
  setEnabled(name: string, enabled: boolean): Promise<void>;
  status(): Promise<ConnectorStatus[]>;
  /** Delivers what is due now, without waiting for the timer. */
  deliverNow(): Promise<{ delivered: number; failed: number }>;
  /** Queues the applications accepted before the connector existed; returns how many. */
  backfill(name: string): Promise<number>;
}

export function createGatewayAdmin(ctx: PlatformContext): GatewayAdmin {
  return {
    async setConnector(input) {
      const checked = checkInput(connectorConfigSchema, input, { maxDepth: 8 });
      if (!checked.ok) throw invalidInput(`对接接口配置不正确：${firstRefusal(checked.fields)}`);
      const config = checked.value;
      await ctx.db.query(
        `INSERT INTO gateway_connectors (name, config, enabled, updated_at) VALUES ($1, $2::jsonb, true, $3)
         ON CONFLICT (name) DO UPDATE SET config = EXCLUDED.config, updated_at = EXCLUDED.updated_at`,
        [config.name, JSON.stringify(config), ctx.now().toISOString()],
      );
      return config;
    },
    async setEnabled(name, enabled) {
      const rows = await ctx.db.query('UPDATE gateway_connectors SET enabled = $2, updated_at = $3 WHERE name = $1 RETURNING 1', [
        name,
        enabled,
        ctx.now().toISOString(),
      ]);
      if (rows.length === 0) throw notFound(`平台上没有名为“${name}”的对接接口`);
    },
    async status() {
      const rows = await ctx.db.query<{
        name: string;
        config: ConnectorConfig;
        enabled: boolean;
        delivered: number;
        waiting: number;
        retrying: number;
        oldest: Date | string | null;
      }>(
        `SELECT c.name, c.config, c.enabled,
                count(o.delivered_at)::int AS delivered,
                count(*) FILTER (WHERE o.application_id IS NOT NULL AND o.delivered_at IS NULL)::int AS waiting,
                count(*) FILTER (WHERE o.delivered_at IS NULL AND o.last_error IS NOT NULL)::int AS retrying,
                min(o.created_at) FILTER (WHERE o.application_id IS NOT NULL AND o.delivered_at IS NULL) AS oldest
         FROM gateway_connectors c LEFT JOIN gateway_outbox o ON o.connector = c.name
         GROUP BY c.name ORDER BY c.name`,
      );
      const errors = await ctx.db.query<{ connector: string; application_id: string; attempts: number; last_error: string; next_attempt_at: Date | string }>(
        `SELECT connector, application_id::text AS application_id, attempts, last_error, next_attempt_at FROM (
           SELECT *, row_number() OVER (PARTITION BY connector ORDER BY next_attempt_at DESC) AS n
           FROM gateway_outbox WHERE delivered_at IS NULL AND last_error IS NOT NULL) e
         WHERE n <= 5`,
      );
      return rows.map((r) => ({
        name: r.name,
        url: r.config.url,
        enabled: r.enabled,
        reviewExternally: r.config.reviewExternally,
        delivered: r.delivered,
        waiting: r.waiting,
        retrying: r.retrying,
        oldestWaitingSince: r.oldest ? isoOf(r.oldest) : null,
        lastErrors: errors
          .filter((e) => e.connector === r.name)
          .map((e) => ({ applicationId: e.application_id, attempts: e.attempts, error: e.last_error, nextAttemptAt: isoOf(e.next_attempt_at) })),
      }));
    },
    deliverNow: () => deliverDue(ctx),
    async backfill(name) {
      const [known] = await ctx.db.query('SELECT 1 FROM gateway_connectors WHERE name = $1', [name]);
      if (!known) throw notFound(`平台上没有名为“${name}”的对接接口`);
      return backfillGateway(ctx.db, name, ctx.now().toISOString());
    },
  };
}

/** Delivers on a timer on every instance (they share the rows by SKIP LOCKED). */
export function startGatewayWorker(ctx: PlatformContext, everyMs: number): () => Promise<void> {
  return startPeriodic(ctx, 'gateway: delivery', everyMs, async () => {
    const r = await deliverDue(ctx);
    if (r.delivered + r.failed > 0) ctx.log.info(r, 'gateway: deliveries');
  });
}

export { registerGatewayDecisions } from './decisions-route';
