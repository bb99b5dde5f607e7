import type { PlatformContext } from './context';
import { startPeriodic } from './periodic';

/**
 * What the platform keeps and for how long (docs/platform.md, Retention). Rows past their window go in bounded
 * deletes, so a first purge of a year's backlog never holds a long lock:
 * - the message log (`messages`): a terminal resends a message only while it is pending in its outbox, which
 *   an acknowledgement ends. After `messagesDays` a resend (a terminal restored from an old backup) is judged by
 *   the projection's own keys instead: the application id (DUPLICATE_APPLICATION), the decision id, the
 *   application's status. Conflicts (`conflicts`) are kept: they wait for a person.
 * - used or expired enrollment codes after `enrollmentCodesDays`;
 * - gateway rows delivered more than `gatewayDeliveredDays` ago (the external system has them);
 * - parts of a file a township terminal relayed but never asked to import, after two days;
 * - seen signatures (two replay windows) and guessing throttles purge themselves as they go.
 * Applications, decisions, supplements, handover lists, scans, the change feed and the admin audit trail are
 * records and are not purged here.
 */
export interface RetentionPolicy {
  messagesDays: number;
  enrollmentCodesDays: number;
  gatewayDeliveredDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { messagesDays: 180, enrollmentCodesDays: 30, gatewayDeliveredDays: 90 };

const BATCH = 5_000;
const MAX_BATCHES = 200;
const DAY_MS = 86_400_000;

/** Deletes `table`'s rows matching `where` ($1 = the cut-off), BATCH at a time by `key`, until none are left. */
async function purgeInBatches(ctx: PlatformContext, table: string, key: string, where: string, cutoff: Date): Promise<number> {
  let purged = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const rows = await ctx.db.query(`DELETE FROM ${table} WHERE (${key}) IN (SELECT ${key} FROM ${table} WHERE ${where} LIMIT ${BATCH}) RETURNING 1`, [
      cutoff.toISOString(),
    ]);
    purged += rows.length;
    if (rows.length < BATCH) break;
  }
  return purged;
}

export async function purgeExpired(ctx: PlatformContext, policy: RetentionPolicy = DEFAULT_RETENTION) {
  const now = ctx.now().getTime();
  const before = (days: number) => new Date(now - days * DAY_MS);
  return {
    messages: await purgeInBatches(ctx, 'messages', 'id', 'received_at < $1', before(policy.messagesDays)),
    enrollmentCodes: await purgeInBatches(ctx, 'enrollment_codes', 'code_sha256', 'COALESCE(used_at, expires_at) < $1', before(policy.enrollmentCodesDays)),
    gatewayDelivered: await purgeInBatches(ctx, 'gateway_outbox', 'connector, application_id', 'delivered_at < $1', before(policy.gatewayDeliveredDays)),
    // A relayed file's parts whose import never came (the township's link dropped for good): two days.
    transferUploads: await purgeInBatches(ctx, 'transfer_uploads', 'upload_id, "offset"', 'created_at < $1', before(2)),
  };
}

/** Purges once an hour (platform/periodic.ts); every instance may run it, the deletes do not collide. */
export function startRetention(ctx: PlatformContext, policy: RetentionPolicy, everyMs = 3_600_000): () => Promise<void> {
  return startPeriodic(ctx, 'retention: purge', everyMs, async () => {
    const r = await purgeExpired(ctx, policy);
    if (r.messages + r.enrollmentCodes + r.gatewayDelivered + r.transferUploads > 0) ctx.log.info(r, 'retention: purged');
  });
}
