import fastifyCompress from '@fastify/compress';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { HEADERS, LIMITS } from '../core/sync/protocol';
import { createSignatureVerifier } from './auth/signed-request';
import type { PlatformContext } from './context';
import { INTERNAL_ERROR_MESSAGE, isPlatformError, PlatformError } from './errors';
import { registerAdminApi } from './admin-api';
import { registerGatewayDecisions } from './gateway';
import { registerBlobs } from './routes/blobs';
import { registerDiagnostics } from './routes/diagnostics';
import { registerChanges } from './routes/changes';
import { registerTransfers } from './routes/transfers';
import { registerEnroll } from './routes/enroll';
import { registerHealth } from './routes/health';
import { registerHeartbeat } from './routes/heartbeat';
import { registerOutbox } from './routes/outbox';
import { registerUpdates } from './routes/updates';

export interface BuildPlatformAppOptions {
  maxInflightOutbox?: number;
  /** Passed through to Fastify (node:https): the provincial certificate and key. */
  https?: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer | (string | Buffer)[] };
  /** Fastify's own request logging; the platform's logger is always ctx.log. */
  logRequests?: boolean;
  /**
   * Behind a load balancer (docs/platform.md, several instances): the addresses of the balancer, whose
   * X-Forwarded-For is believed for the client's address (throttles key on it); the per-address connection
   * cap is then the balancer's to keep, as every connection comes from it.
   */
  trustProxy?: string[];
}

export const DEFAULT_MAX_INFLIGHT_OUTBOX = 8;
const MAX_HEADER_BYTES = 64 * 1024;

/**
 * What a slow or idle client may hold (docs/security.md): a socket silent for 30 s is closed; headers must
 * be complete within 15 s and the whole request within 2 minutes (a 256 KiB blob chunk at 4 KB/s takes
 * about 64 s); at most 4,096 connections in all and 256 from one address. Kept-alive sockets are closed
 * after 20 s idle, announced in `Keep-Alive: timeout=20`, before the 30 s cut: a client that trusted a longer
 * hint would reuse a socket the server is dropping, and a POST on it fails.
 */
export const CONNECTION_LIMITS = {
  keepAliveMs: 20_000,
  idleMs: 30_000,
  headersMs: 15_000,
  requestMs: 120_000,
  maxConnections: 4096,
  perSource: 256,
} as const;

/** Fastify's own refusals (body too large, bad media type …) mapped onto the protocol's stable codes. */
function toPlatformError(e: FastifyError): PlatformError | null {
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) {
    return new PlatformError(413, 'BODY_TOO_LARGE', '请求内容过大，平台不予接收', { limit: LIMITS.requestBodyBytes });
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new PlatformError(400, 'INVALID_REQUEST', '请求格式不正确，平台无法处理');
  }
  return null;
}

/** Header timeout and connection caps on the Node server under Fastify. */
function limitConnections(app: FastifyInstance, behindProxy: boolean): void {
  const server = app.server;
  server.headersTimeout = CONNECTION_LIMITS.headersMs;
  server.maxConnections = CONNECTION_LIMITS.maxConnections;
  const bySource = new Map<string, number>();
  server.on('connection', (socket) => {
    const source = socket.remoteAddress ?? '';
    const n = (bySource.get(source) ?? 0) + 1;
    bySource.set(source, n);
    socket.once('close', () => {
      const left = (bySource.get(source) ?? 1) - 1;
      if (left > 0) bySource.set(source, left);
      else bySource.delete(source);
    });
    if (!behindProxy && n > CONNECTION_LIMITS.perSource) socket.destroy();
  });
}

/** The platform's HTTP API (DESIGN.md §5) on a Fastify instance that is not listening yet. */
export function buildPlatformApp(ctx: PlatformContext, o: BuildPlatformAppOptions = {}): FastifyInstance {
  const app = Fastify({
    // Without a logger instance Fastify logs nothing of its own; ours never sees a body either way.
    ...(o.logRequests === false ? {} : { loggerInstance: ctx.log as Logger }),
    bodyLimit: LIMITS.requestBodyBytes,
    return503OnClosing: true,
    // Only the balancer itself is believed, one hop: the client's address is what the balancer appended to
    // X-Forwarded-For, never what the client wrote there itself.
    ...(o.trustProxy?.length ? { trustProxy: (address: string, hop: number) => hop === 0 && o.trustProxy!.includes(address) } : {}),
    connectionTimeout: CONNECTION_LIMITS.idleMs,
    keepAliveTimeout: CONNECTION_LIMITS.keepAliveMs,
    requestTimeout: CONNECTION_LIMITS.requestMs,
    // electron-updater's differential download asks for up to 1,000 ranges in one header (~19 KB), past
    // Node's 16 KiB default.
    ...(o.https ? { https: { maxHeaderSize: MAX_HEADER_BYTES, ...o.https } } : { http: { maxHeaderSize: MAX_HEADER_BYTES } }),
  }) as unknown as FastifyInstance;
  limitConnections(app, Boolean(o.trustProxy?.length));

  // Every body is read as the bytes on the wire: the signature covers them exactly, and JSON is parsed
  // (after gunzip, with a ceiling) by the route that expects it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  // Answers gzipped for a client that accepts it (acknowledgements, change pages: JSON of repeated keys);
  // scans and release files (octet-stream, ranges) never. Request bodies are not touched: the signature
  // covers them as sent, and the routes unzip them themselves.
  void app.register(fastifyCompress, { globalDecompression: false, encodings: ['gzip'], threshold: 512 });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header(HEADERS.serverTime, ctx.now().toISOString());
    return payload;
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const refusal = isPlatformError(error) ? error : toPlatformError(error);
    if (refusal) {
      if (refusal.status >= 500) request.log.warn({ code: refusal.code }, refusal.message);
      const retryAfter = refusal.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return reply.code(refusal.status).type('application/json').send(refusal.toBody());
    }
    // Only the error (never the body, which holds ID numbers) goes to the log; the answer says nothing of it.
    ctx.log.error({ err: error, method: request.method, url: request.url }, 'internal error');
    return reply.code(500).type('application/json').send({ code: 'INTERNAL', message: INTERNAL_ERROR_MESSAGE });
  });

  app.setNotFoundHandler(async (_request, reply) => {
    return reply
      .code(404)
      .type('application/json')
      .send(new PlatformError(404, 'NOT_FOUND', '平台没有这个接口').toBody());
  });

  registerHealth(app);
  registerEnroll(app, ctx);
  // The signed /v1 routes: one scoped plugin whose every request passes the signature check before its
  // handler (after its body was read: the digest covers the bytes on the wire).
  void app.register(async (signedApp) => {
    signedApp.addHook('preHandler', createSignatureVerifier(ctx));
    registerOutbox(signedApp, ctx, o.maxInflightOutbox ?? DEFAULT_MAX_INFLIGHT_OUTBOX);
    registerBlobs(signedApp, ctx);
    registerChanges(signedApp, ctx);
    registerTransfers(signedApp, ctx);
    registerHeartbeat(signedApp, ctx);
    registerDiagnostics(signedApp, ctx);
  });
  registerUpdates(app, ctx);
  registerAdminApi(app, ctx);
  // Signed by a connector's shared secret, not a terminal's key (platform/gateway).
  registerGatewayDecisions(app, ctx);
  return app;
}
