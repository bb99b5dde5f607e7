import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { LIMITS, outboxRequestSchema, type OutboxResponse } from '../../core/sync/protocol';
import { terminalOf } from '../auth/signed-request';
import { readJsonBody } from '../body';
import type { PlatformContext } from '../context';
import { PlatformError } from '../errors';
import { ingestBatch } from '../ingest/ingest-batch';

/** Seconds a terminal waits before retrying when the platform is busy. */
const RETRY_AFTER_SECONDS = 2;

/**
 * POST /v1/outbox. At most `maxInflight` batches are worked on at once; the next one is told to come back
 * (503 + Retry-After) as soon as its headers arrive, before its body is read.
 */
export function registerOutbox(app: FastifyInstance, ctx: PlatformContext, signed: preHandlerHookHandler, maxInflight: number): void {
  let inflight = 0;
  const counted = new WeakSet<object>();
  const release = (request: object) => {
    if (counted.delete(request)) inflight--;
  };

  app.post(
    '/v1/outbox',
    {
      bodyLimit: LIMITS.requestBodyBytes,
      onRequest: async (request, reply) => {
        if (inflight >= maxInflight) {
          reply.header('retry-after', String(RETRY_AFTER_SECONDS));
          throw new PlatformError(503, 'UNAVAILABLE', '平台繁忙，请稍后自动重试', { retryAfterSeconds: RETRY_AFTER_SECONDS });
        }
        inflight++;
        counted.add(request);
      },
      onResponse: async (request) => release(request),
      onRequestAbort: async (request) => release(request),
      preHandler: signed,
    },
    async (request): Promise<OutboxResponse> => {
      const terminal = terminalOf(request);
      const batch = await readJsonBody(request, outboxRequestSchema);
      const results = await ingestBatch(ctx, terminal, batch);
      return { results, serverTime: ctx.now().toISOString() };
    },
  );
}
