import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GATEWAY_HEADERS, gatewaySignature, gatewaySignatureMatches } from './signing';

/**
 * A simulated 一体化政务服务平台 of a province, as the gateway meets it (docs/gateway.md), for tests and the demo:
 * it takes signed 办件 records keyed by Idempotency-Key, keeps one per key, and can be told to fail, hang or
 * answer too late. It sends its decisions back signed with the same secret.
 */
export interface SimulatedProvince {
  url: string;
  /** Records kept, by Idempotency-Key: what the province would register, once each. */
  records: Map<string, Record<string, unknown>>;
  /** Every POST it got, retries included. */
  posts: number;
  /** Requests whose signature or time did not check out (must stay 0). */
  badSignatures: number;
  /** The next `n` posts: 500 (nothing kept, `body` as its answer), a hang (never answered), or kept but answered after `lateMs`. */
  fail(n: number, body?: string): void;
  hang(n: number): void;
  answerLate(n: number, lateMs: number): void;
  /** POSTs a decision to the platform's gateway route, signed (or with the given headers). */
  sendDecision(platformUrl: string, connector: string, body: unknown, o?: { timestamp?: number; secret?: string }): Promise<{ status: number; json: unknown }>;
  close(): Promise<void>;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of req) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

export async function startSimulatedProvince(secret: string, o: { onRecord?(record: Record<string, unknown>): void } = {}): Promise<SimulatedProvince> {
  const plan: { kind: 'fail' | 'hang' | 'late'; lateMs?: number; body?: string }[] = [];
  const hanging = new Set<() => void>();
  let seq = 0;
  const state = { posts: 0, badSignatures: 0 };
  const records = new Map<string, Record<string, unknown>>();
  const server: Server = createServer(async (req, res) => {
    const body = await readAll(req);
    state.posts++;
    const timestamp = String(req.headers[GATEWAY_HEADERS.timestamp] ?? '');
    const signature = String(req.headers[GATEWAY_HEADERS.signature] ?? '');
    if (Math.abs(Number(timestamp) * 1000 - Date.now()) > 5 * 60_000 || !gatewaySignatureMatches(secret, timestamp, body, signature)) {
      state.badSignatures++;
      res.writeHead(401).end('{"error":"bad signature"}');
      return;
    }
    const key = String(req.headers[GATEWAY_HEADERS.idempotencyKey] ?? '');
    const step = plan.shift();
    if (step?.kind === 'fail') {
      res.writeHead(500, { 'content-type': 'application/json' }).end(step.body ?? '{"error":"系统繁忙"}');
      return;
    }
    if (step?.kind === 'hang') {
      hanging.add(() => res.destroy());
      return;
    }
    const known = records.get(key);
    if (!known) {
      records.set(key, { ...(JSON.parse(body.toString('utf8')) as Record<string, unknown>), _id: `BJ${String(++seq).padStart(8, '0')}` });
      o.onRecord?.(records.get(key)!);
    }
    const answer = () => res.writeHead(known ? 409 : 200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: records.get(key)!._id }));
    if (step?.kind === 'late') setTimeout(answer, step.lateMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const repeat = (n: number, s: (typeof plan)[number]) => plan.push(...Array.from({ length: n }, () => s));
  return {
    url: `http://127.0.0.1:${port}/banjian`,
    records,
    get posts() {
      return state.posts;
    },
    get badSignatures() {
      return state.badSignatures;
    },
    fail: (n, body) => repeat(n, { kind: 'fail', body }),
    hang: (n) => repeat(n, { kind: 'hang' }),
    answerLate: (n, lateMs) => repeat(n, { kind: 'late', lateMs }),
    async sendDecision(platformUrl, connector, body, o = {}) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
      const reply = await fetch(`${platformUrl}/v1/gateway/${connector}/decisions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [GATEWAY_HEADERS.timestamp]: timestamp,
          [GATEWAY_HEADERS.signature]: gatewaySignature(o.secret ?? secret, timestamp, text),
        },
        body: text,
      });
      const raw = await reply.text();
      let json: unknown = raw;
      try {
        json = JSON.parse(raw);
      } catch {
        // not JSON: kept as text for the assertion's message
      }
      return { status: reply.status, json };
    },
    async close() {
      for (const h of hanging) h();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
