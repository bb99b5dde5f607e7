import type { FastifyInstance } from 'fastify';
import { LIMITS, outboxRequestSchema, type OutboxResponse } from '../../core/sync/protocol';
import { terminalOf } from '../auth/signed-request';
import { readJsonBody } from '../body';
import type { PlatformContext } from '../context';
import { PlatformError } from '../errors';
import { ingestBatch } from '../ingest/ingest-batch';

/** Seconds a terminal waits before retrying when the platform is busy. */
const RETRY_AFTER_SECONDS = 2;
/** One terminal sends one batch at a time; two covers a retry racing its first attempt. */
export const MAX_INFLIGHT_PER_TERMINAL = 2;

/**
 * POST /v1/outbox. At most `maxInflight` batches are worked on at once, and at most
 * MAX_INFLIGHT_PER_TERMINAL per terminal; the next one is told to come back (503 + Retry-After). The
 * slots are counted only after the signature was verified: a stranger's idle or slow sockets hold none
 * (they are cut by the server's timeouts, platform/app.ts), and one terminal cannot take them all.
 */
export function registerOutbox(app: FastifyInstance, ctx: PlatformContext, maxInflight: number): void {
  let inflight = 0;
  const perTerminal = new Map<string, number>();
  const busy = () => new PlatformError(503, 'UNAVAILABLE', '平台繁忙，请稍后自动重试', { retryAfterSeconds: RETRY_AFTER_SECONDS });

  app.post('/v1/outbox', { bodyLimit: LIMITS.requestBodyBytes }, async (request): Promise<OutboxResponse> => {
    const terminal = terminalOf(request);
    const mine = perTerminal.get(terminal.id) ?? 0;
    if (inflight >= maxInflight || mine >= MAX_INFLIGHT_PER_TERMINAL) throw busy();
    inflight++;
    perTerminal.set(terminal.id, mine + 1);
    try {
      const batch = await readJsonBody(request, outboxRequestSchema);
      const results = await ingestBatch(ctx, terminal, batch);
      return { results, serverTime: ctx.now().toISOString() };
    } finally {
      inflight--;
      const left = (perTerminal.get(terminal.id) ?? 1) - 1;
      if (left > 0) perTerminal.set(terminal.id, left);
      else perTerminal.delete(terminal.id);
    }
  });
}
