import type { FastifyInstance } from 'fastify';
import { HEADERS, PLATFORM_FEATURES, PROTOCOL_VERSION } from '../../core/sync/protocol';

/** 204 with our header: a captive portal's 200 page is not "online". */
export function registerHealth(app: FastifyInstance): void {
  app.get('/v1/health', async (_request, reply) => {
    reply.header(HEADERS.platform, PROTOCOL_VERSION).header(HEADERS.features, Object.values(PLATFORM_FEATURES).join(',')).code(204).send();
  });
}
