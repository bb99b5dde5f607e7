import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readStationEvent, type StationEvent } from '../../core/api/events';
import { startBrowserHost, type BrowserHost } from '../../station/browser-host';
import { makeStation, type TestStation } from '../helpers/station';

let t: TestStation;
let host: BrowserHost;
let staticDir: string;

before(async () => {
  t = await makeStation();
  staticDir = mkdtempSync(join(tmpdir(), 'daiban-static-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>代办</title><div id="root"></div>');
  writeFileSync(join(staticDir, 'assets', 'app-1234.js'), 'console.log("hi")');
  writeFileSync(join(staticDir, 'assets', 'app-1234.css'), 'body{}');
  host = await startBrowserHost({ station: t.station, staticDir, keepAliveMs: 200 });
});

after(async () => {
  await host.close();
  t.cleanup();
  rmSync(staticDir, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${host.port}`;

function api(method: string, input: unknown, token = host.token, headers: Record<string, string> = {}) {
  return fetch(`${base()}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

/** A request exactly as written: fetch would normalise `/../` and `%2e%2e` and forbids setting Host. */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('url carries a 32-byte base64url session token in the fragment, bound to 127.0.0.1', () => {
  assert.match(host.token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(host.url, `http://127.0.0.1:${host.port}/#token=${host.token}`);
});

test('a method call over HTTP answers with the JSON of its output', async () => {
  const res = await api('session.current', {});
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const session = (await res.json()) as { user: { displayName: string } | null };
  assert.equal(session.user?.displayName, '李春梅');

  const items = (await (await api('catalog.list', {})).json()) as unknown[];
  assert.ok(Array.isArray(items) && items.length > 0, 'the seed catalog comes back');
});

test('an empty body is the empty input', async () => {
  const res = await fetch(`${base()}/api/session.current`, { method: 'POST', headers: { Authorization: `Bearer ${host.token}` } });
  assert.equal(res.status, 200);
});

test('a missing or wrong token is 401 UNAUTHORIZED_CLIENT, even for an unknown method', async () => {
  for (const res of [
    await api('session.current', {}, 'not-the-token'),
    await fetch(`${base()}/api/session.current`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }),
    await api('no.such', {}, 'x'),
  ]) {
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { code: 'UNAUTHORIZED_CLIENT', message: '会话已失效，请重新打开本页面。' });
  }
});

test('a refusal keeps its code, Chinese message and details, with the status of the code', async () => {
  const invalid = await api('residents.register', { idNumber: '36078119800101001X', name: '' });
  assert.equal(invalid.status, 400);
  const body = (await invalid.json()) as { code: string; message: string; details?: { fields?: Record<string, string> } };
  assert.equal(body.code, 'INVALID_INPUT');
  assert.match(body.message, /[\u4e00-\u9fff]/);
  assert.ok(body.details?.fields?.name, 'the field is named');

  const missing = await api('residents.get', { id: '0190f5e0-0000-7000-8000-000000000000' });
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as { code: string }).code, 'NOT_FOUND');

  const badJson = await fetch(`${base()}/api/session.current`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: '{not json',
  });
  assert.equal(badJson.status, 400);
  assert.equal(((await badJson.json()) as { code: string }).code, 'INVALID_INPUT');

  const notJson = await fetch(`${base()}/api/session.current`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'text/plain' },
    body: '{}',
  });
  assert.equal(notJson.status, 400);
});

test('an unknown method is 404, GET on a method is 405', async () => {
  const res = await api('residents.delete', {});
  assert.equal(res.status, 404);
  const body = (await res.json()) as { code: string; message: string };
  assert.equal(body.code, 'UNKNOWN_METHOD');
  assert.match(body.message, /未知的操作/);
  // Prototype names are not methods either.
  assert.equal((await api('constructor', {})).status, 404);

  const get = await fetch(`${base()}/api/session.current`, { headers: { Authorization: `Bearer ${host.token}` } });
  assert.equal(get.status, 405);
  assert.equal(get.headers.get('allow'), 'POST');
});

test('the built renderer is served with content types, security headers and an SPA fallback', async () => {
  const index = await fetch(`${base()}/`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
  const csp = index.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /style-src 'self' 'unsafe-inline'/);
  assert.match(csp, /connect-src 'self'/);
  assert.match(csp, /img-src 'self' data: blob:/);
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(index.headers.get('referrer-policy'), 'no-referrer');
  assert.match(await index.text(), /代办/);

  const route = await fetch(`${base()}/applications/123`);
  assert.equal(route.status, 200);
  assert.match(route.headers.get('content-type') ?? '', /^text\/html/);

  const js = await fetch(`${base()}/assets/app-1234.js`);
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
  assert.match(js.headers.get('cache-control') ?? '', /immutable/);
  const css = await fetch(`${base()}/assets/app-1234.css`);
  assert.match(css.headers.get('content-type') ?? '', /^text\/css/);

  assert.equal((await fetch(`${base()}/assets/gone-9999.js`)).status, 404);
  assert.equal((await fetch(`${base()}/`, { method: 'POST' })).status, 405);
});

test('path traversal out of the static directory is refused', async () => {
  // Sent raw: dot segments, encoded dots and slashes, backslashes, NUL, broken percent-encoding.
  for (const path of [
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/%2E%2E/package.json',
    '/assets/../../package.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/..%5cpackage.json',
    '/%00index.html',
    '/%E0%A4%A',
  ]) {
    const res = await raw(path);
    assert.equal(res.status, 400, `${path} → ${res.status}`);
    assert.doesNotMatch(res.body, /"name"|<html|doctype/i, path);
  }
});

test('a foreign Host header (DNS rebinding) or a foreign Origin is refused', async () => {
  const rebinding = await raw('/', { Host: `evil.example:${host.port}` });
  assert.equal(rebinding.status, 403);
  const rebindApi = await raw('/api/session.current', { Host: 'evil.example', Authorization: `Bearer ${host.token}` }, 'POST');
  assert.equal(rebindApi.status, 403);
  assert.equal((await raw('/', { Host: `localhost:${host.port}` })).status, 200);
  assert.equal((await raw('/', { Host: `127.0.0.1:${host.port + 1}` })).status, 403);

  const foreign = await api('session.current', {}, host.token, { Origin: 'http://evil.example' });
  assert.equal(foreign.status, 403);
  assert.equal(((await foreign.json()) as { code: string }).code, 'FORBIDDEN');
  const same = await api('session.current', {}, host.token, { Origin: `http://127.0.0.1:${host.port}` });
  assert.equal(same.status, 200);
});

test('server-sent events: the token is checked, published events and keep-alives arrive', async () => {
  assert.equal((await fetch(`${base()}/api/events?token=wrong`)).status, 401);
  assert.equal((await fetch(`${base()}/api/events`)).status, 401);

  const ac = new AbortController();
  const res = await fetch(`${base()}/api/events?token=${encodeURIComponent(host.token)}`, { signal: ac.signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const readUntil = async (pattern: RegExp) => {
    const deadline = Date.now() + 5000;
    while (!pattern.test(text)) {
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${pattern} in ${JSON.stringify(text)}`);
      const { value, done } = await reader.read();
      if (done) assert.fail('stream ended');
      text += decoder.decode(value, { stream: true });
    }
  };
  await readUntil(/: connected\n\n/);
  // The stream carries the event's JSON on one line, whatever its text holds (a newline included).
  const event = { type: 'update.status', status: { supported: true, note: '第一行\n第二行' } } as unknown as StationEvent;
  host.publish(event);
  await readUntil(/data: .*\n\n/);
  const line = /data: (.*)\n\n/.exec(text)![1]!;
  assert.deepEqual(JSON.parse(line), event);
  assert.deepEqual(readStationEvent(line), event, 'the renderer reads it back as the same event');
  await readUntil(/: keep-alive\n\n/);
  ac.abort();
});

test('a body beyond 30 MB is 413', async () => {
  const big = JSON.stringify({ query: 'x'.repeat(31 * 1024 * 1024) });
  const res = await api('residents.search', JSON.parse(big));
  assert.equal(res.status, 413);
  assert.equal(((await res.json()) as { code: string }).code, 'REQUEST_TOO_LARGE');
  // The host still answers afterwards.
  assert.equal((await api('session.current', {})).status, 200);
});

test('a chunked body (no Content-Length) beyond 30 MB is 413 too', async () => {
  const chunk = new Uint8Array(1024 * 1024).fill(0x61);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) controller.enqueue(new TextEncoder().encode('{"query":"'));
      if (sent++ < 42) controller.enqueue(chunk);
      else {
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      }
    },
  });
  const res = await fetch(`${base()}/api/residents.search`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body,
    duplex: 'half',
  } as RequestInit);
  assert.equal(res.status, 413);
  assert.equal(((await res.json()) as { code: string }).code, 'REQUEST_TOO_LARGE');
});

test('a null output comes back as JSON null; a wrong password is 401 AUTH_FAILED', async () => {
  const out = await api('session.logout', {});
  assert.equal(out.status, 200);
  assert.equal(await out.json(), null);

  const needsLogin = await api('residents.search', { query: '李' });
  assert.equal(needsLogin.status, 401);
  assert.equal(((await needsLogin.json()) as { code: string }).code, 'AUTH_REQUIRED');

  const wrong = await api('session.login', { username: 'cadre01', password: 'wrong-password' });
  assert.equal(wrong.status, 401);
  assert.equal(((await wrong.json()) as { code: string }).code, 'AUTH_FAILED');
});

test("the 评价屏's own token: only the rating and the events; the link is given to the session's token only", async () => {
  const link = await fetch(`${base()}/api/pad-link`, { headers: { Authorization: `Bearer ${host.token}` } });
  assert.equal(link.status, 200);
  const { url } = (await link.json()) as { url: string };
  const m = /^\/\?pad=1#token=([A-Za-z0-9_-]{43})$/.exec(url);
  assert.ok(m, url);
  const padToken = m[1]!;
  assert.notEqual(padToken, host.token);
  assert.equal((await api('ratings.asked', {}, padToken)).status, 200);
  const refused = await api('residents.search', { query: '王' }, padToken);
  assert.equal(refused.status, 403);
  assert.deepEqual(await refused.json(), { code: 'FORBIDDEN', message: '评价屏只能用于群众评价。' });
  assert.equal((await api('backups.list', {}, padToken)).status, 403);
  const noLink = await fetch(`${base()}/api/pad-link`, { headers: { Authorization: `Bearer ${padToken}` } });
  assert.equal(noLink.status, 403, 'the pad cannot mint links');
  assert.equal((await fetch(`${base()}/api/pad-link`)).status, 401);
  const events = await fetch(`${base()}/api/events?token=${padToken}`);
  assert.equal(events.status, 200, 'the pad hears rating.asked');
  await events.body?.cancel();
});
