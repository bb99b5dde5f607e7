import type { FastifyInstance } from 'fastify';
import { HEADERS, PROTOCOL_VERSION } from '../../core/sync/protocol';

/** 204 with our header: a captive portal's 200 page is not "online". */
export function registerHealth(app: FastifyInstance): void {
  app.get('/v1/health', async (_request, reply) => {
    reply.header(HEADERS.platform, PROTOCOL_VERSION).code(204).send();
  });
}
