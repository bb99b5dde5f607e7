import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { LIMITS } from '../../core/sync/protocol';
import { getSetting, setSetting } from '../../db';
import { appendChanges } from '../../platform/change-feed';
import type { RunningPlatform } from '../../platform/index';
import { hashPassword } from '../../base/node/passwords';
import { SETTINGS } from '../../station/runtime/settings-keys';
import { SYNC_MESSAGES } from '../../station/sync/errors';
import { nextBatch } from '../../station/sync/push-outbox';
import type { Timers } from '../../station/runtime/timers';
import { enrolledStation, noisyScan, PLATFORM_CADRE, recordingFetch, startTestPlatform, submitApplication, SYNC_VILLAGE } from '../helpers/sync';

let platform: RunningPlatform;
before(async () => {
  platform = await startTestPlatform();
});
after(() => platform.close());

/** Timers the test fires by hand; each scheduled delay is recorded. */
function manualTimers(): Timers & { delays: number[]; pending(): number } {
  let next: (() => void) | null = null;
  const delays: number[] = [];
  return {
    delays,
    setTimeout(fn, ms) {
      next = fn;
      delays.push(ms);
      return fn;
    },
    clearTimeout(handle) {
      if (handle === next) next = null;
    },
    pending: () => (next ? 1 : 0),
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

test("a scan upload cut off mid-way resumes from the platform's count and never sends an acknowledged chunk again", async () => {
  let breakAfterPuts = 2;
  const rec = recordingFetch();
  // The second chunk reaches the platform, but its answer is lost (a reset on the way back).
  const flaky: typeof fetch = async (input, init) => {
    const res = await rec.fetch(input, init);
    if (init?.method === 'PUT' && --breakAfterPuts === 0) throw new TypeError('fetch failed');
    return res;
  };
  const t = await enrolledStation(platform, { sync: { fetch: flaky } });
  const api = t.station;
  const scan = await noisyScan(1800, 1300);
  const app = await submitApplication(api, 41, [scan]);
  const { sha256, size } = (await api.call('applications.get', { id: app.id })).attachments[0]!;
  assert.ok(size > 3 * LIMITS.blobChunkBytes, `the scan should need several chunks (${size} bytes)`);

  const failed = await api.call('sync.now', {});
  assert.equal(failed.lastError, SYNC_MESSAGES.offline);
  assert.equal(failed.pending, 2, 'the application (and its new resident) wait for its scan');
  assert.equal(await platform.admin.getApplication(app.id), null);

  const ok = await api.call('sync.now', {});
  assert.equal(ok.lastError, null);
  assert.equal((await api.call('applications.get', { id: app.id })).status, 'sent');
  const puts = rec.calls.filter((c) => c.method === 'PUT' && c.path === `/v1/blobs/${sha256}`);
  const starts = puts.map((c) => Number(/bytes (\d+)-/.exec(c.range!)![1]));
  assert.equal(new Set(starts).size, starts.length, `a chunk went twice: ${starts.join(',')}`);
  assert.equal(
    puts.reduce((n, c) => n + c.bytes, 0),
    size,
    "exactly the scan's bytes crossed the wire",
  );
  assert.ok(puts.every((c) => c.bytes <= LIMITS.blobChunkBytes));
  const statusAsks = rec.calls.filter((c) => c.path === `/v1/blobs/${sha256}/status`).length;
  assert.ok(statusAsks >= 2, 'each run asks the platform where to resume');
  await t.cleanup();
});

test('the change feed is applied page by page with its cursor; unknown and malformed changes are kept for a later version', async () => {
  let failChangesAfter = Infinity;
  const rec = recordingFetch({
    fail: (url) => (url.pathname === '/v1/changes' && --failChangesAfter < 0 ? new TypeError('fetch failed') : null),
  });
  await platform.admin.createAccount({ username: 'cadre09', displayName: '孙丽', role: 'cadre', divisionCode: SYNC_VILLAGE, password: 'Cadre2026x' });
  const t = await enrolledStation(platform, { sync: { fetch: rec.fetch } });
  const api = t.station;
  await api.call('session.login', { username: 'cadre09', password: 'Cadre2026x' });
  const hash = await hashPassword('Village2026');
  const at = new Date().toISOString();
  const account = (i: number) => ({
    kind: 'account.upsert',
    divisionCode: SYNC_VILLAGE,
    fanUp: false,
    body: {
      id: `acct-${i}`,
      username: `helper${i}`,
      displayName: `协理员${i}`,
      role: 'cadre',
      passwordHash: hash,
      disabled: false,
      divisionCode: SYNC_VILLAGE,
      updatedAt: at,
    },
  });
  await platform.db.transaction((tx) =>
    appendChanges(
      tx,
      [
        ...Array.from({ length: 230 }, (_, i) => account(i)),
        { kind: 'notice.broadcast', divisionCode: SYNC_VILLAGE, fanUp: false, body: { text: '新版本通知' } },
        { kind: 'account.upsert', divisionCode: SYNC_VILLAGE, fanUp: false, body: { username: 'broken' } },
        { ...account(999), body: { ...account(999).body, disabled: true, username: 'cadre09', displayName: '孙丽' } },
        ...Array.from({ length: 200 }, (_, i) => account(300 + i)),
      ],
      at,
    ),
  );
  const before = getSetting(api.ctx.db, SETTINGS.changesCursor)!;
  failChangesAfter = 2; // two pages arrive, then the network drops
  const cut = await api.call('sync.now', {});
  assert.equal(cut.lastError, SYNC_MESSAGES.offline);
  const mid = getSetting(api.ctx.db, SETTINGS.changesCursor)!;
  assert.equal(BigInt(mid) - BigInt(before) >= BigInt(2 * LIMITS.changesPageSize - 10), true, 'both pages were kept with their cursor');
  const users = () => (api.ctx.db.prepare(`SELECT count(*) AS n FROM users WHERE username LIKE 'helper%'`).get() as { n: number }).n;
  // Two full pages, less the three changes in them that are not helpers (unknown kind, malformed, the cadre).
  assert.equal(users(), 2 * LIMITS.changesPageSize - 3);

  failChangesAfter = Infinity;
  // cadre09 was disabled by a change in those two pages: the session has already ended.
  assert.equal((await api.call('session.current', {})).user, null);
  const ok = await api.sync.syncNow();
  assert.equal(ok.lastError, null);
  assert.equal(users(), 430);
  const pages = rec.calls.filter((c) => c.path.startsWith('/v1/changes'));
  assert.ok(
    pages.some((c) => c.path === `/v1/changes?after=${mid}`),
    'the next run starts at the stored cursor',
  );
  // Kept, not lost: the kind this version does not know and the body it cannot read wait in deferred_changes.
  const kept = api.ctx.db.prepare('SELECT kind, reason FROM deferred_changes ORDER BY kind').all();
  assert.deepEqual(kept, [
    { kind: 'account.upsert', reason: 'malformed' },
    { kind: 'notice.broadcast', reason: 'unknown_kind' },
  ]);
  // Disabled at the county: the login is refused offline too, and says so only to the right password
  // (the change that disabled it carried the hash of Village2026).
  await assert.rejects(api.call('session.login', { username: 'cadre09', password: 'Cadre2026x' }), { code: 'AUTH_FAILED' });
  await assert.rejects(api.call('session.login', { username: 'cadre09', password: 'Village2026' }), { code: 'ACCOUNT_DISABLED' });
  await api.call('session.login', { username: 'helper7', password: 'Village2026' });
  await t.cleanup();
});

test('failures back off with full jitter up to the cap; Retry-After (seconds or date) is honoured; offline probes every 15 s', async () => {
  let mode: 'ok' | 'busy' | 'busy-date' | 'broken' | 'down' = 'ok';
  const timers = manualTimers();
  const fake: typeof fetch = async (input, init) => {
    const path = new URL(String(input instanceof Request ? input.url : input)).pathname;
    if (mode === 'down') throw new TypeError('fetch failed');
    if (mode !== 'ok' && path !== '/v1/health') {
      if (mode === 'busy') return json(503, { code: 'UNAVAILABLE', message: '平台繁忙，请稍后自动重试' }, { 'retry-after': '7' });
      if (mode === 'busy-date')
        return json(429, { code: 'RATE_LIMITED', message: 'slow down' }, { 'retry-after': new Date(Date.now() + 90_000).toUTCString() });
      return json(500, { code: 'INTERNAL', message: 'boom' });
    }
    return fetch(input, init);
  };
  const t = await enrolledStation(platform, { sync: { fetch: fake, timers, random: () => 0.5 } });
  const api = t.station;
  api.sync.start();
  assert.equal(timers.delays.at(-1), 0, 'start runs at once');

  mode = 'busy';
  let s = await api.sync.syncNow();
  assert.equal(timers.delays.at(-1), 7000);
  assert.equal(s.lastError, '平台繁忙，请稍后自动重试');
  assert.ok(s.nextAttemptAt);

  mode = 'busy-date';
  s = await api.sync.syncNow();
  assert.ok(Math.abs(timers.delays.at(-1)! - 90_000) < 2000, `HTTP-date Retry-After: ${timers.delays.at(-1)}`);
  assert.equal(s.lastError, SYNC_MESSAGES.busy, 'English from the platform never reaches the cadre');

  mode = 'broken';
  const delays: number[] = [];
  for (let i = 0; i < 10; i++) {
    await api.sync.syncNow();
    delays.push(timers.delays.at(-1)!);
  }
  // random() = 0.5: half of min(cap, 2 s · 2^n); the two busy answers before counted as failures too.
  assert.deepEqual(delays, [4000, 8000, 16000, 32000, 64000, 128000, 150000, 150000, 150000, 150000]);

  mode = 'down';
  s = await api.sync.syncNow();
  assert.equal(s.online, false);
  assert.equal(s.lastError, SYNC_MESSAGES.offline);
  assert.equal(timers.delays.at(-1), 15_000);

  mode = 'ok';
  s = await api.sync.syncNow();
  assert.equal(s.online, true);
  assert.equal(s.lastError, null);
  assert.equal(timers.delays.at(-1), 60_000, 'back to the minute timer after a success');
  await api.sync.stop();
  assert.equal(timers.pending(), 0);
  await t.cleanup();
});

test('a captive portal (200 page or redirect) is offline, and nothing is marked sent', async () => {
  const portal: Server = createServer((req, res) => {
    if (req.url?.startsWith('/redirect')) return res.writeHead(302, { location: 'http://portal.example/login' }).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body>请先登录无线网络</body></html>');
  });
  await new Promise<void>((r) => portal.listen(0, '127.0.0.1', r));
  const portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  let via: 'platform' | 'page' | 'redirect' = 'platform';
  const hijacking: typeof fetch = (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (via === 'platform') return fetch(input, init);
    return fetch(`${portalUrl}${via === 'redirect' ? '/redirect' : ''}${url.pathname}`, init);
  };
  const t = await enrolledStation(platform, { sync: { fetch: hijacking } });
  const api = t.station;
  const app = await submitApplication(api, 51);
  for (const v of ['page', 'redirect'] as const) {
    via = v;
    const s = await api.call('sync.now', {});
    assert.equal(s.online, false, v);
    assert.equal(s.lastError, SYNC_MESSAGES.intercepted);
    assert.equal(s.pending, 2, 'the application and its new resident');
    assert.equal((await api.call('applications.get', { id: app.id })).status, 'queued');
  }
  via = 'platform';
  assert.equal((await api.call('sync.now', {})).pending, 0);
  await t.cleanup();
  await new Promise((r) => portal.close(r));
});

test('a terminal clock hours off still syncs; a CLOCK_SKEW refusal re-learns the offset and retries once', async () => {
  const skew = 7 * 3600_000;
  const clock = { now: () => new Date(Date.now() + skew) };
  let hideServerTime = false;
  const rec = recordingFetch();
  // Without the health answer's clock the agent signs on its stale offset: the platform refuses, once.
  const blind: typeof fetch = async (input, init) => {
    const res = await rec.fetch(input, init);
    if (!hideServerTime || !String(input).endsWith('/v1/health')) return res;
    const headers = new Headers(res.headers);
    headers.delete('daiban-server-time');
    return new Response(null, { status: res.status, headers });
  };
  const t = await enrolledStation(platform, { clock, sync: { fetch: blind } });
  const api = t.station;
  const offset = Number(getSetting(api.ctx.db, SETTINGS.serverOffsetMs));
  assert.ok(Math.abs(offset + skew) < 5000, `learned offset ${offset}`);
  const first = await submitApplication(api, 61);
  assert.equal((await api.call('sync.now', {})).lastError, null);
  assert.equal((await platform.admin.getApplication(first.id))?.receiptNo, first.receiptNo);

  // The PC's clock is "corrected" by someone to a wrong time; the stored offset is stale now.
  setSetting(api.ctx.db, SETTINGS.serverOffsetMs, '0');
  const reopened = t.reopen({ fetch: blind });
  await reopened.call('session.login', { username: PLATFORM_CADRE.username, password: PLATFORM_CADRE.password });
  hideServerTime = true;
  const second = await submitApplication(reopened, 62);
  const callsBefore = rec.calls.length;
  const s = await reopened.call('sync.now', {});
  assert.equal(s.lastError, null);
  assert.equal((await platform.admin.getApplication(second.id))?.receiptNo, second.receiptNo);
  const skewed = rec.calls.slice(callsBefore).filter((c) => c.status === 401);
  assert.equal(skewed.length, 1, 'one refusal, then the retry on the learned clock');
  await t.cleanup();
});

test('close() during a run aborts it, waits for it, and leaves a store that syncs on reopen', async () => {
  let release: (() => void) | null = null;
  let hold = false;
  const slow: typeof fetch = async (input, init) => {
    if (hold && String(input).includes('/v1/outbox')) {
      await new Promise<void>((r) => {
        release = r;
        init?.signal?.addEventListener('abort', () => r());
      });
    }
    return fetch(input, init);
  };
  const t = await enrolledStation(platform, { sync: { fetch: slow } });
  const app = await submitApplication(t.station, 71);
  hold = true;
  const running = t.station.call('sync.now', {});
  while (!release) await new Promise((r) => setTimeout(r, 10));
  const closing = t.station.close();
  await closing;
  const status = await running;
  assert.equal(status.pending, 2, 'the application and its new resident');
  hold = false;
  const reopened = t.reopen({ fetch: slow });
  await reopened.call('session.login', { username: PLATFORM_CADRE.username, password: PLATFORM_CADRE.password });
  assert.equal((await reopened.call('sync.now', {})).pending, 0);
  assert.equal((await reopened.call('applications.get', { id: app.id })).status, 'sent');
  await t.cleanup();
});

test('a submission whose scan is not uploaded yet holds the batch at that point, keeping the order', async () => {
  const t = await enrolledStation(platform);
  const api = t.station;
  const a = await submitApplication(api, 81);
  await submitApplication(api, 82, [await noisyScan(200, 100)]);
  await submitApplication(api, 83);
  const batch = nextBatch(api.ctx.db, new Date().toISOString());
  // Each application's resident goes first; the batch stops at the submission that waits for its scan.
  assert.deepEqual(
    batch.messages.map((m) => (m.kind === 'application.submitted' ? (JSON.parse(m.body) as { applicationId: string }).applicationId : m.kind)),
    ['resident.saved', a.id, 'resident.saved'],
  );
  assert.equal(batch.heldBack, true);
  await t.cleanup();
});
