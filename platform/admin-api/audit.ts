import type { PlatformContext } from '../context';
import type { AdminActor } from './sessions';

/**
 * Who did what through the admin API: a line in the platform's log and a row in admin_actions, written
 * once the action succeeded (the action itself commits in its own transaction, so a crash in between
 * loses the row but never the log line written first).
 */
export async function recordAdminAction(
  ctx: PlatformContext,
  actor: AdminActor,
  action: string,
  target: string | null,
  details?: Record<string, unknown>,
): Promise<void> {
  ctx.log.info({ admin: actor.username, action, target, ...(details ? { details } : {}) }, 'admin action');
  await ctx.db.query('INSERT INTO admin_actions (at, account_id, username, action, target, details) VALUES ($1, $2, $3, $4, $5, $6::jsonb)', [
    ctx.now().toISOString(),
    actor.accountId,
    actor.username,
    action,
    target,
    details ? JSON.stringify(details) : null,
  ]);
}
