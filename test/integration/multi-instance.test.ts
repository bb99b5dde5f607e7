import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { startPlatform, type RunningPlatform } from '../../platform';
import { startSimulatedProvince } from '../../platform/gateway/simulated-province';
import { startHaproxy, type Haproxy } from '../helpers/haproxy';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { submittedBody, decidedBody, enrollTerminal, outboxBatch, outboxMessage } from '../helpers/platform';
import { SEED_CATALOG } from '../../core/catalog/seed';

/**
 * Issue #18, several stateless instances: two platforms on one PostgreSQL behind Debian's HAProxy. The
 * protocol, security and review suites also run through this pair (their `haproxy` backend); here, what only
 * several instances can get wrong: a lock-out, a session and a notice's end held across them, the client's
 * own address behind the balancer, and PGlite refusing to be shared.
 */

const IT = { username: 'yunwei_lb', displayName: '负载均衡运维', password: 'Yunwei2026x', role: 'it' as const, divisionCode: '360781' };

let pg: TestPostgres;
let a: RunningPlatform;
let b: RunningPlatform;
let lb: Haproxy;

before(async () => {
  pg = await startPostgres();
  const databaseUrl = await pg.createDatabase('instances');
  a = await startPlatform({ databaseUrl, log: false, trustProxy: ['127.0.0.1'] });
  b = await startPlatform({ databaseUrl, log: false, trustProxy: ['127.0.0.1'] });
  await a.admin.publishCatalog(SEED_CATALOG);
  await a.admin.createAccount(IT);
  lb = await startHaproxy([a.port, b.port]);
});
after(async () => {
  await lb?.stop();
  await a?.close();
  await b?.close();
  await pg?.stop();
});

const login = (url: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/admin/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username: IT.username, password }),
  });

test('a session opened on one instance works on the other; logging out on one ends it on both', async () => {
  const opened = await login(a.url, IT.password);
  assert.equal(opened.status, 200);
  const { token } = (await opened.json()) as { token: string };
  const fleet = await fetch(`${b.url}/admin/v1/fleet`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(fleet.status, 200);
  assert.equal((await fetch(`${a.url}/admin/v1/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status, 204);
  assert.equal((await fetch(`${b.url}/admin/v1/fleet`, { headers: { authorization: `Bearer ${token}` } })).status, 401);
});

test('wrong passwords through the balancer lock the account on every instance; a forged X-Forwarded-For does not escape', async () => {
  for (let i = 0; i < 5; i++) assert.equal((await login(lb.url, 'wrong-password')).status, 401, `attempt ${i + 1}`);
  // The balancer alternates: both instances now refuse, the right password too, whatever the client claims to be.
  for (const headers of [{}, {}, { 'x-forwarded-for': '203.0.113.9' }, { 'x-forwarded-for': '203.0.113.10' }] as Record<string, string>[]) {
    const r = await login(lb.url, IT.password, headers);
    assert.equal(r.status, 429);
    assert.match(((await r.json()) as { message: string }).message, /登录失败次数过多，请\d+秒后再试/);
  }
  const [row] = await a.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM throttle_failures WHERE scope = 'admin-login-account'`);
  assert.equal(row!.n, '1', 'one count, kept in the database for both instances');
});

test('two instances sweeping at once end a due notice once', async () => {
  const village = await enrollTerminal(a, { divisionCode: '360781102201' });
  const township = await enrollTerminal(b, { divisionCode: '360781102', role: 'township' });
  const app = submittedBody('360781102201');
  const send = async (t: typeof village, m: ReturnType<typeof outboxMessage>) => {
    const r = await t.request('POST', '/v1/outbox', { json: outboxBatch([m]) });
    assert.equal(r.json<{ results: { result: string }[] }>().results[0]!.result, 'accepted');
  };
  await send(village, outboxMessage('application.submitted', app));
  await send(township, outboxMessage('review.decided', decidedBody('360781102201', app.applicationId, 'approve')));
  await a.db.query(`UPDATE notice_periods SET ends_at = now() - interval '1 second'`);
  const ended = await Promise.all([a.admin.sweepNotices(), b.admin.sweepNotices(), a.admin.sweepNotices(), b.admin.sweepNotices()]);
  assert.equal(
    ended.reduce((x, y) => x + y, 0),
    1,
  );
  const [changes] = await a.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM changes WHERE kind = 'notice.ended'`);
  assert.equal(changes!.n, '2', 'one notice.ended to the village and one up');
  assert.equal((await a.admin.getApplication(app.applicationId))?.status, 'county_review');
});

test('PGlite is one process’s database: serve refuses to run behind a balancer on it, in Chinese', async () => {
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', 'platform/cli/main.ts', 'serve', '--port', '0', '--trust-proxy', '127.0.0.1'],
      { env: { ...process.env, DATABASE_URL: '', DAIBAN_PLATFORM_DATA: '/nonexistent-daiban' }, encoding: 'utf8', timeout: 60_000 },
      (error, _stdout, err) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr: err }),
    ),
  );
  assert.notEqual(code, 0);
  assert.match(stderr, /多实例部署（--trust-proxy）须使用 PostgreSQL/);
});

test('two instances deliver to the province at once: each application reaches it once, and its decision through either instance once', async () => {
  const secret = 'a-province-shared-secret-of-forty-characters';
  const province = await startSimulatedProvince(secret);
  try {
    await a.gateway.setConnector({ name: 'jiangxi', url: province.url, secret, reviewExternally: true });
    const village = await enrollTerminal({ ...a, url: lb.url }, { divisionCode: '360781102201' });
    const bodies = Array.from({ length: 60 }, () => submittedBody(village.divisionCode));
    const sent = await village.request('POST', '/v1/outbox', { json: outboxBatch(bodies.map((x) => outboxMessage('application.submitted', x))) });
    assert.equal(sent.status, 200);
    const runs = await Promise.all([a.gateway.deliverNow(), b.gateway.deliverNow(), a.gateway.deliverNow(), b.gateway.deliverNow()]);
    assert.equal(
      runs.reduce((n, r) => n + r.delivered, 0),
      60,
    );
    assert.equal(province.posts, 60, 'no row was claimed by two instances');
    assert.equal(province.records.size, 60);
    const decision = {
      decisionId: 'MI-1',
      applicationId: bodies[0]!.applicationId,
      decision: 'approve',
      reason: null,
      reviewerName: '省平台审核员',
      decidedAt: new Date().toISOString(),
    };
    const replies = await Promise.all([province.sendDecision(a.url, 'jiangxi', decision), province.sendDecision(b.url, 'jiangxi', decision)]);
    assert.deepEqual(
      replies.map((r) => r.status),
      [200, 200],
    );
    assert.deepEqual(replies.map((r) => (r.json as { result: string }).result).sort(), ['accepted', 'duplicate']);
  } finally {
    await province.close();
  }
});
