import { REPLAY_WINDOW_MS } from '../../core/sync/protocol';
import type { PlatformContext } from '../context';

/**
 * A signature is accepted once. Its request time is within ±REPLAY_WINDOW_MS of the server's clock, so two
 * windows after it was first seen a replay is refused as CLOCK_SKEW anyway and the row can go.
 */
const KEEP_MS = 2 * REPLAY_WINDOW_MS;
const PURGE_EVERY_MS = 60_000;

export function createReplayGuard(ctx: PlatformContext) {
  let lastPurge = 0;
  return {
    /** True the first time this terminal's signature is seen, false on a replay. */
    async firstSeen(terminalId: string, signature: string): Promise<boolean> {
      const now = ctx.now();
      if (Math.abs(now.getTime() - lastPurge) >= PURGE_EVERY_MS) {
        lastPurge = now.getTime();
        await ctx.db.query('DELETE FROM seen_signatures WHERE seen_at < $1', [new Date(now.getTime() - KEEP_MS).toISOString()]);
      }
      const rows = await ctx.db.query('INSERT INTO seen_signatures (terminal_id, signature, seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1', [
        terminalId,
        signature,
        now.toISOString(),
      ]);
      return rows.length === 1;
    },
  };
}
