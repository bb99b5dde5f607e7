import { gzipSync } from 'node:zlib';
import type { z } from 'zod';
import { canonicalRequest, EMPTY_BODY_SHA256 } from '../../core/sync/signing';
import { HEADERS, platformErrorSchema } from '../../core/sync/protocol';
import { isSyncError, platformMessage, SyncError, SYNC_MESSAGES } from './errors';
import { parseRetryAfter } from './retry-after';
import type { ServerClock } from './server-clock';
import type { TerminalSigner } from './signer';
import { sha256Hex } from '../../base/node/digest';

export interface PlatformIdentity {
  terminalId: string;
  signer: TerminalSigner;
}

export interface PlatformClientOptions {
  /** e.g. https://daiban.example.gov.cn or http://10.1.2.3:8080/daiban */
  baseUrl: string;
  fetch: typeof fetch;
  serverClock: ServerClock;
  /** Absent before enrollment: only unsigned requests then. */
  identity?: PlatformIdentity;
  /** Every request gives up after this; a black-holed connection must not hang the agent. */
  timeoutMs: number;
  /** The run's stop signal (the app is closing). */
  signal?: AbortSignal;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT';
  /** The protocol path with query, e.g. `/v1/changes?after=42`: what is signed. */
  path: string;
  /** Sent as JSON; gzipped when `gzip`. */
  json?: unknown;
  gzip?: boolean;
  /** Sent as they are (blob chunks). */
  bytes?: Buffer;
  headers?: Record<string, string>;
  /** Default true; health and enroll are the only unsigned requests. */
  signed?: boolean;
  timeoutMs?: number;
}

export interface PlatformResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

/**
 * Talks HTTP to the platform: signs, gzips, times out, learns the platform's clock, and turns every failure
 * into a SyncError with a Chinese sentence. Redirects are never followed: the platform does not redirect, a
 * captive portal does.
 */
export class PlatformClient {
  constructor(private readonly o: PlatformClientOptions) {}

  private url(path: string): string {
    // A deployment may sit under a path (a reverse proxy strips it); the signed path is the protocol's.
    return this.o.baseUrl.replace(/\/+$/, '') + path;
  }

  /** One exchange; any HTTP status comes back, only "no answer" throws. */
  async send(spec: RequestSpec): Promise<PlatformResponse> {
    let body: Buffer | undefined = spec.bytes;
    const headers: Record<string, string> = { ...spec.headers };
    if (spec.json !== undefined) {
      const text = Buffer.from(JSON.stringify(spec.json), 'utf8');
      body = spec.gzip ? gzipSync(text) : text;
      headers['content-type'] = 'application/json';
      if (spec.gzip) headers['content-encoding'] = 'gzip';
    } else if (body) {
      headers['content-type'] ??= 'application/octet-stream';
    }
    if (spec.signed !== false) Object.assign(headers, this.signatureHeaders(spec.method, spec.path, body));

    const timeout = AbortSignal.timeout(spec.timeoutMs ?? this.o.timeoutMs);
    const signal = this.o.signal ? AbortSignal.any([this.o.signal, timeout]) : timeout;
    const sentAt = this.o.serverClock.localMs();
    try {
      const res = await this.o.fetch(this.url(spec.path), {
        method: spec.method,
        headers,
        body: body ? new Uint8Array(body) : undefined,
        redirect: 'manual',
        signal,
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      this.o.serverClock.learn(res.headers.get(HEADERS.serverTime), sentAt, this.o.serverClock.localMs());
      return { status: res.status, headers: res.headers, body: bytes };
    } catch (e) {
      if (isSyncError(e)) throw e;
      if (this.o.signal?.aborted) throw new SyncError('aborted', SYNC_MESSAGES.aborted, { cause: e });
      if (timeout.aborted) throw new SyncError('timeout', SYNC_MESSAGES.timeout, { cause: e });
      throw new SyncError('offline', SYNC_MESSAGES.offline, { cause: e });
    }
  }

  private signatureHeaders(method: string, path: string, body: Buffer | undefined): Record<string, string> {
    const id = this.o.identity;
    if (!id) throw new Error('signed request without an identity');
    const time = this.o.serverClock.signingTime().toISOString();
    const bodySha256 = body && body.length > 0 ? sha256Hex(body) : EMPTY_BODY_SHA256;
    const signature = id.signer.sign(canonicalRequest({ method, path, time, bodySha256, terminalId: id.terminalId }));
    return {
      [HEADERS.terminal]: id.terminalId,
      [HEADERS.time]: time,
      [HEADERS.contentSha256]: bodySha256,
      [HEADERS.signature]: signature,
    };
  }

  /**
   * A 2xx answer, or a SyncError. A CLOCK_SKEW refusal is retried once: its response already taught us the
   * platform's time, so the second signature lands inside the window.
   */
  async call(spec: RequestSpec): Promise<PlatformResponse> {
    let res = await this.send(spec);
    if (res.status === 401 || res.status === 403) {
      if (this.errorOf(res).code === 'CLOCK_SKEW' && spec.signed !== false) res = await this.send(spec);
    }
    if (res.status >= 200 && res.status < 300) return res;
    throw this.errorOf(res);
  }

  async json<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<z.infer<S>> {
    return parseBody(await this.call(spec), schema);
  }

  /** The SyncError a non-2xx answer stands for. */
  errorOf(res: PlatformResponse): SyncError {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), this.o.serverClock.now().getTime()) ?? undefined;
    if (res.status >= 300 && res.status < 400) {
      return new SyncError('intercepted', SYNC_MESSAGES.intercepted, { status: res.status });
    }
    const parsed = platformErrorSchema.safeParse(safeJson(res.body));
    if (!parsed.success) {
      // Not the platform's JSON: a proxy's or a portal's page.
      const kind = res.status === 429 || res.status >= 500 ? 'platform' : 'intercepted';
      return new SyncError(kind, kind === 'platform' ? SYNC_MESSAGES.busy : SYNC_MESSAGES.intercepted, { status: res.status, retryAfterMs });
    }
    const { code, message, details } = parsed.data;
    return new SyncError('platform', platformMessage(code, message, res.status), { code, status: res.status, retryAfterMs, details });
  }
}

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function parseBody<S extends z.ZodType>(res: PlatformResponse, schema: S): z.infer<S> {
  const parsed = schema.safeParse(safeJson(res.body));
  if (!parsed.success) throw new SyncError('protocol', SYNC_MESSAGES.protocol, { status: res.status, details: { issues: parsed.error.issues.slice(0, 5) } });
  return parsed.data;
}
