import type { PlatformContext } from '../context';
import type { Queryable } from '../database/types';
import { connectorConfigSchema, type ConnectorConfig } from './config';
import { deliverRecord, type DeliveryResult } from './deliver';
import { handoverRecords, handoverRows, mapRecord } from './record';

/** A claimed row is not claimed again until its delivery had time to end (its timeout and this margin). */
const LEASE_MARGIN_MS = 30_000;
/** Deliveries in flight at once, per run (the external system is one province's server). */
const PARALLEL = 4;

/** Ten seconds after the first failure, doubling, at most an hour apart. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** The enabled connectors by name (a row that no longer parses is skipped and said in the log). */
export async function enabledConnectors(ctx: PlatformContext, via: Queryable = ctx.db): Promise<Map<string, ConnectorConfig>> {
  const rows = await via.query<{ name: string; config: unknown }>('SELECT name, config FROM gateway_connectors WHERE enabled');
  const out = new Map<string, ConnectorConfig>();
  for (const r of rows) {
    const parsed = connectorConfigSchema.safeParse(r.config);
    if (parsed.success) out.set(r.name, parsed.data);
    else ctx.log.error({ connector: r.name }, 'gateway: connector configuration no longer valid');
  }
  return out;
}

type Claimed = { connector: string; application_id: string; attempts: number };

/**
 * Claims up to `limit` due rows of enabled connectors (SKIP LOCKED: several instances share the work, none
 * waits) and leases them past their delivery's timeout. A process that dies mid-delivery leaves the lease
 * to run out; the row is sent again under the same Idempotency-Key.
 */
async function claimDue(ctx: PlatformContext, limit: number): Promise<Claimed[]> {
  const now = ctx.now();
  return ctx.db.query<Claimed>(
    `UPDATE gateway_outbox o
     SET attempts = o.attempts + 1,
         next_attempt_at = $1::timestamptz + (((c.config->>'timeoutMs')::int + $3) * interval '1 millisecond')
     FROM (SELECT connector, application_id FROM gateway_outbox
           WHERE delivered_at IS NULL AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED) d,
          gateway_connectors c
     WHERE o.connector = d.connector AND o.application_id = d.application_id AND c.name = o.connector AND c.enabled
     RETURNING o.connector, o.application_id::text AS application_id, o.attempts`,
    [now.toISOString(), limit, LEASE_MARGIN_MS],
  );
}

async function record(ctx: PlatformContext, c: Claimed, result: DeliveryResult): Promise<void> {
  const at = ctx.now();
  if (result.ok) {
    await ctx.db.query(`UPDATE gateway_outbox SET delivered_at = $3, external_id = $4, last_error = NULL WHERE connector = $1 AND application_id = $2`, [
      c.connector,
      c.application_id,
      at.toISOString(),
      result.externalId,
    ]);
  } else {
    await ctx.db.query(`UPDATE gateway_outbox SET next_attempt_at = $3, last_error = $4 WHERE connector = $1 AND application_id = $2`, [
      c.connector,
      c.application_id,
      new Date(at.getTime() + retryDelayMs(c.attempts)).toISOString(),
      result.error,
    ]);
  }
}

/**
 * Delivers what is due, a page at a time, until nothing is due or `maxPages` pages were sent. Each row is its
 * own delivery and its own outcome: one the external system refuses waits for its retry, the others go on.
 */
export async function deliverDue(ctx: PlatformContext, o: { pageSize?: number; maxPages?: number } = {}): Promise<{ delivered: number; failed: number }> {
  const pageSize = o.pageSize ?? 100;
  const totals = { delivered: 0, failed: 0 };
  for (let page = 0; page < (o.maxPages ?? 50); page++) {
    const claimed = await claimDue(ctx, pageSize);
    if (claimed.length === 0) break;
    const connectors = await enabledConnectors(ctx);
    const records = await handoverRecords(ctx.db, await handoverRows(ctx.db, [...new Set(claimed.map((c) => c.application_id))]));
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const c = claimed[next++]!;
        const config = connectors.get(c.connector);
        const rec = records.get(c.application_id);
        const result: DeliveryResult =
          config && rec ? await deliverRecord(config, c.application_id, mapRecord(config, rec), ctx.now) : { ok: false, error: '接口配置或申请记录缺失' };
        await record(ctx, c, result);
        totals[result.ok ? 'delivered' : 'failed']++;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    if (claimed.length < pageSize) break;
  }
  return totals;
}
