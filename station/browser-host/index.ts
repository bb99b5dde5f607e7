import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Station } from '../station';
import { handleApiCall, sendError, sendJson } from './api-route';
import { PAD_METHODS } from '../../core/api/rating-methods';
import type { StationEvent } from '../../core/api/events';
import { EventStreamHub } from './event-stream';
import { bearerToken, hostAllowed, originAllowed, tokenMatches } from './guards';
import { serveStatic } from './static-files';

/**
 * The browser host (DESIGN.md §3): the terminal's UI and StationApi over HTTP on 127.0.0.1, for machines
 * without the Electron runtime, for end-to-end tests in Chromium, and for offices that prefer a browser.
 *
 * Protocol (the renderer codes against exactly this):
 * - `POST /api/<method>`, JSON body = the method's input, `Authorization: Bearer <token>`.
 *   200 → JSON output (null allowed); a refusal → status by code (status.ts) and `{code, message, details?}`.
 *   Missing/wrong token → 401 UNAUTHORIZED_CLIENT; unknown method → 404 UNKNOWN_METHOD; body > 30 MB → 413.
 * - `GET /api/events?token=<token>` → server-sent events, `data: <json>` per published event.
 * - `GET /api/pad-link` (the session token) → `{url}`: the resident's screen (评价屏) as a page of its own, with a
 *   second token that may call only PAD_METHODS (403 FORBIDDEN otherwise) and read the events.
 * - everything else: the built renderer (SPA fallback to index.html), no token needed.
 * Every request must name us in `Host` (DNS rebinding); an `Origin`, when sent to /api, must be ours.
 */

export interface BrowserHostOptions {
  station: Station;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The session token; a fresh random one (32 bytes, base64url) when omitted. */
  token?: string;
  /** Interval of the SSE keep-alive comment; 25 s unless a test wants it sooner. */
  keepAliveMs?: number;
}

export interface BrowserHost {
  /** http://127.0.0.1:PORT/#token=… — the fragment never reaches a server or a log. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
  publish(event: StationEvent): void;
}

/** The query that makes a page the resident's screen (renderer/ratings/RatingPad.tsx). */
const PAD_QUERY = 'pad=1';
const UNAUTHORIZED = { code: 'UNAUTHORIZED_CLIENT', message: '会话已失效，请重新打开本页面。' } as const;
const PAD_ONLY = { code: 'FORBIDDEN', message: '评价屏只能用于群众评价。' } as const;

export async function startBrowserHost(o: BrowserHostOptions): Promise<BrowserHost> {
  const token = o.token ?? randomBytes(32).toString('base64url');
  // The resident's screen gets a token of its own, good for the rating only.
  const padToken = randomBytes(32).toString('base64url');
  const staticDir = resolve(o.staticDir);
  const events = new EventStreamHub(o.keepAliveMs ?? 25_000);
  const log = o.station.ctx.log;
  let port = 0;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port)) {
      return sendError(res, { code: 'FORBIDDEN', message: '请通过 127.0.0.1 或 localhost 访问本机代办终端。' });
    }
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q === -1 ? raw : raw.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : raw.slice(q + 1));

    if (path !== '/api' && !path.startsWith('/api/')) return serveStatic(req, res, staticDir, path);

    if (!originAllowed(req)) return sendError(res, { code: 'FORBIDDEN', message: '不允许从其他网页调用本机代办终端。' });
    if (path === '/api/events') {
      if (req.method !== 'GET') return sendError(res, { code: 'METHOD_NOT_ALLOWED', message: '事件流只接受 GET 请求。' }, { Allow: 'GET' });
      const presented = query.get('token');
      if (!tokenMatches(presented, token) && !tokenMatches(presented, padToken)) return sendError(res, UNAUTHORIZED);
      return events.open(res, {});
    }
    const bearer = bearerToken(req);
    const method = decodeURIComponentSafe(path.slice('/api/'.length));
    if (tokenMatches(bearer, padToken)) {
      return PAD_METHODS.has(method) ? handleApiCall(req, res, o.station, method) : sendError(res, PAD_ONLY);
    }
    if (!tokenMatches(bearer, token)) return sendError(res, UNAUTHORIZED);
    if (path === '/api/pad-link') {
      if (req.method !== 'GET') return sendError(res, { code: 'METHOD_NOT_ALLOWED', message: '只接受 GET 请求。' }, { Allow: 'GET' });
      return sendJson(res, 200, { url: `/?${PAD_QUERY}#token=${padToken}` });
    }
    return handleApiCall(req, res, o.station, method);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      log.error({ err }, 'browser host: request failed');
      if (!res.headersSent) sendError(res, { code: 'INTERNAL', message: '系统出现异常，请重试。' });
      else res.destroy();
    });
  });
  // Large scans on a slow old PC: allow a generous time for one request, but not forever.
  server.requestTimeout = 120_000;

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  // Station events (sync progress …) reach every open event stream without the caller wiring anything.
  const unsubscribe = o.station.onEvent((event) => events.publish(event));

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    publish: (event) => events.publish(event),
    close: () =>
      new Promise<void>((resolvePromise, reject) => {
        unsubscribe();
        events.close();
        server.close((err) => (err ? reject(err) : resolvePromise()));
        server.closeAllConnections();
      }),
  };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export { BASE_SECURITY_HEADERS, CONTENT_SECURITY_POLICY, HTML_SECURITY_HEADERS } from './security-headers';
export { resolveStaticPath } from './static-path';
export { contentTypeFor } from './content-types';
