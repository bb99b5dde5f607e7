import { createHash, randomBytes } from 'node:crypto';
import { Agent } from 'undici';
import type { ChangesResponse, EnrollResponse } from '../../core/sync/protocol';
import { decidedBody, makeIdentity, outboxBatch, outboxMessage, terminalFor, type SignedRequest, type TestTerminal } from '../helpers/platform';
import { pad, rand, realisticSubmission } from './county-data';

/**
 * Lightweight simulated terminals for `npm run bench:province`: each is a key pair and a cursor, doing what a
 * station's sync run does (core of station/sync/agent.ts: probe → scans → outbox → changes → heartbeat) every
 * minute, divided by the stage's speed. Villages sometimes take applications with a scan; townships decide
 * what reached them.
 */

export interface RouteStats {
  latencies: number[];
  errors: number;
  statuses: Record<string, number>;
}

export class Recorder {
  readonly routes = new Map<string, RouteStats>();
  record(route: string, ms: number, status: number): void {
    let r = this.routes.get(route);
    if (!r) this.routes.set(route, (r = { latencies: [], errors: 0, statuses: {} }));
    r.latencies.push(ms);
    r.statuses[status] = (r.statuses[status] ?? 0) + 1;
    if (status === 0 || status >= 400) r.errors++;
  }
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

export function summarize(r: Recorder) {
  return Object.fromEntries(
    [...r.routes].map(([route, s]) => [
      route,
      {
        requests: s.latencies.length,
        p50_ms: Math.round(percentile(s.latencies, 50)),
        p99_ms: Math.round(percentile(s.latencies, 99)),
        errors: s.errors,
        statuses: s.statuses,
      },
    ]),
  );
}

/** One connection pool for all simulated terminals, under the platform's per-address cap (256). */
export const dispatcher = new Agent({ connections: 200, keepAliveTimeout: 15_000, pipelining: 1 });

export interface SimTerminal {
  t: TestTerminal;
  role: 'village' | 'township';
  cursor: string;
  /** Townships: applications seen arriving and not decided yet. */
  toDecide: { applicationId: string; divisionCode: string }[];
}

export async function enrollSim(baseUrl: string, code: string, role: SimTerminal['role']): Promise<SimTerminal> {
  const identity = makeIdentity();
  const reply = await fetch(`${baseUrl}/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, publicKey: identity.publicKey, appVersion: '0.1.0', hostname: 'sim' }),
  });
  if (reply.status !== 200) throw new Error(`enroll: ${reply.status} ${await reply.text()}`);
  return { t: terminalFor({ url: baseUrl }, (await reply.json()) as EnrollResponse, identity), role, cursor: '0', toDecide: [] };
}

async function send(baseUrl: string, rec: Recorder, route: string, r: SignedRequest): Promise<{ status: number; body: Buffer }> {
  const start = performance.now();
  try {
    const res = await fetch(`${baseUrl}${r.path}`, {
      method: r.method,
      headers: { ...r.headers, 'accept-encoding': 'gzip' },
      body: r.body ? new Uint8Array(r.body) : undefined,
      dispatcher,
    } as RequestInit);
    const body = Buffer.from(await res.arrayBuffer());
    rec.record(route, performance.now() - start, res.status);
    return { status: res.status, body };
  } catch {
    rec.record(route, performance.now() - start, 0);
    return { status: 0, body: Buffer.alloc(0) };
  }
}

const SCAN = randomBytes(48 * 1024);

/** One sync run of a simulated terminal against `baseUrl` (the instance or the balancer). */
export async function syncRun(s: SimTerminal, baseUrl: string, rec: Recorder, o: { workChance: number }): Promise<void> {
  const start = performance.now();
  try {
    const res = await fetch(`${baseUrl}/v1/health`, { dispatcher } as RequestInit);
    await res.arrayBuffer();
    rec.record('GET /v1/health', performance.now() - start, res.status);
  } catch {
    rec.record('GET /v1/health', performance.now() - start, 0);
    return;
  }
  const t = s.t;
  if (s.role === 'village' && rand() < o.workChance) {
    // A scan (its own bytes, so its own blob) and one to three applications naming it.
    const scan = Buffer.concat([SCAN, randomBytes(16)]);
    const sha = createHash('sha256').update(scan).digest('hex');
    await send(
      baseUrl,
      rec,
      'PUT /v1/blobs',
      t.prepare('PUT', `/v1/blobs/${sha}`, { raw: scan, headers: { 'content-range': `bytes 0-${scan.length - 1}/${scan.length}` } }),
    );
    const apps = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) => {
      const body = realisticSubmission(t.divisionCode, Math.floor(rand() * 1e6) + i);
      body.attachments = [{ sha256: sha, fileName: '户口簿.jpg', mimeType: 'image/jpeg', size: scan.length }];
      return outboxMessage('application.submitted', body);
    });
    await send(baseUrl, rec, 'POST /v1/outbox', t.prepare('POST', '/v1/outbox', { json: outboxBatch(apps), gzip: true }));
  }
  if (s.role === 'township' && s.toDecide.length > 0) {
    const now = new Date().toISOString();
    const decisions = s.toDecide
      .splice(0, 5)
      .map((a) => outboxMessage('review.decided', decidedBody(a.divisionCode, a.applicationId, 'approve', { decidedAt: now })));
    await send(baseUrl, rec, 'POST /v1/outbox', t.prepare('POST', '/v1/outbox', { json: outboxBatch(decisions), gzip: true }));
  }
  for (let page = 0; page < 5; page++) {
    const r = await send(baseUrl, rec, 'GET /v1/changes', t.prepare('GET', `/v1/changes?after=${s.cursor}&limit=200`));
    if (r.status !== 200) break;
    const reply = JSON.parse(r.body.toString('utf8')) as ChangesResponse;
    s.cursor = reply.cursor;
    if (s.role === 'township') {
      for (const c of reply.changes) {
        const b = c.body as { applicationId?: string; status?: string; submission?: unknown };
        if (c.kind === 'application.received' && b.status === 'sent' && b.applicationId)
          s.toDecide.push({ applicationId: b.applicationId, divisionCode: c.divisionCode });
      }
    }
    if (!reply.more) break;
  }
  await send(
    baseUrl,
    rec,
    'POST /v1/heartbeat',
    t.prepare('POST', '/v1/heartbeat', {
      json: {
        appVersion: '0.1.0',
        queueDepth: 0,
        invalidCount: 0,
        lastSyncAt: new Date().toISOString(),
        freeDiskBytes: 50e9,
        auditHead: null,
        deviceTime: new Date().toISOString(),
      },
    }),
  );
}

/** Village and township codes of a county: `townships` townships (360781100…), each with `villages` villages. */
export function provinceSlice(townships: number, villages: number): { code: string; role: SimTerminal['role'] }[] {
  const out: { code: string; role: SimTerminal['role'] }[] = [];
  for (let t = 0; t < townships; t++) {
    const township = `360781${pad(100 + t, 3)}`;
    out.push({ code: `${township}000`, role: 'township' });
    for (let v = 0; v < villages; v++) out.push({ code: `${township}${pad(201 + v, 3)}`, role: 'village' });
  }
  return out;
}
