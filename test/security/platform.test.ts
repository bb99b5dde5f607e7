/**
 * The hostile suite for the platform (issue #12): every signed route fed unsigned, forged, re-encoded,
 * replayed, stale and cross-division requests; bodies with NUL, lone surrogates, 5,000 levels and a
 * megabyte; enrollment with keys that are no keys and guessed codes; the admin API and the update feed
 * with hostile paths; twenty idle sockets beside signed outbox posts. Asserts no answer ≥ 500, no write
 * after a refusal, and a live server at the end.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { HEADERS } from '../../core/sync/protocol';
import type { RunningPlatform } from '../../platform';
import { CONNECTION_LIMITS } from '../../platform/app';
import { ENROLL_GUESS_POLICY } from '../../platform/routes/enroll';
import {
  enrollRaw,
  enrollTerminal,
  makeIdentity,
  outboxBatch,
  outboxMessage,
  submittedBody,
  type PlatformReply,
  type SignedRequest,
  type TestTerminal,
} from '../helpers/platform';
import { startTestPlatform } from '../helpers/sync';

const VILLAGE = '360781102201';
const OTHER_VILLAGE = '360781104201';
let platform: RunningPlatform;
let village: TestTerminal;
let other: TestTerminal;

before(async () => {
  platform = await startTestPlatform();
  village = await enrollTerminal(platform, { divisionCode: VILLAGE });
  other = await enrollTerminal(platform, { divisionCode: OTHER_VILLAGE });
});
after(() => platform?.close());

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** What a refusal must never have changed. */
async function counts(): Promise<string> {
  const n = async (table: string) => (await platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  return JSON.stringify(await Promise.all(['messages', 'applications', 'audit_entries', 'blobs', 'terminals', 'conflicts'].map(n)));
}

function refusedWith(r: PlatformReply, status: number, code: string, where: string): void {
  assert.equal(r.status, status, `${where}: ${r.bytes.toString().slice(0, 300)}`);
  const body = r.json<{ code: string; message: string }>();
  assert.equal(body.code, code, where);
  assert.match(body.message, /\p{Script=Han}/u, where);
}

/** Each signed route with a body that would be accepted. */
function signedRoutes(t: TestTerminal) {
  const blob = Buffer.from('扫描件'.repeat(100));
  const blobSha = sha(blob);
  return [
    { name: 'changes', method: 'GET', path: '/v1/changes', o: {} },
    {
      name: 'heartbeat',
      method: 'POST',
      path: '/v1/heartbeat',
      o: { json: { appVersion: '1.0.0', queueDepth: 0, invalidCount: 0, lastSyncAt: null, freeDiskBytes: null, auditHead: null } },
    },
    { name: 'outbox', method: 'POST', path: '/v1/outbox', o: { json: outboxBatch([outboxMessage('application.submitted', submittedBody(t.divisionCode))]) } },
    { name: 'blob status', method: 'GET', path: `/v1/blobs/${blobSha}/status`, o: {} },
    {
      name: 'blob chunk',
      method: 'PUT',
      path: `/v1/blobs/${blobSha}`,
      o: { raw: blob, contentType: 'application/octet-stream', headers: { 'content-range': `bytes 0-${blob.length - 1}/${blob.length}` } },
    },
  ] as const;
}

/** The one signature, written every other way Node's lenient base64 decoder would still take. */
function reencodings(signature: string): string[] {
  const body = signature.replace(/=+$/, '');
  const last = body[body.length - 1]!;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  // The last character carries 2 bits of the 512: its low 4 bits are unused; set one of them.
  const lowBits = body.slice(0, -1) + alphabet[alphabet.indexOf(last) ^ 1]!;
  const variants = [
    body, // padding removed
    `${signature}=`, // padding doubled
    `${signature.slice(0, 40)} ${signature.slice(40)}`, // a space inside
    ` ${signature}`,
    `${lowBits}==`,
    signature.replaceAll('+', '-').replaceAll('/', '_'), // URL-safe alphabet
    `${signature.slice(0, 20)}\n${signature.slice(20)}`,
  ];
  return [...new Set(variants)].filter((v) => v !== signature && !v.includes('\n'));
}

test('every signed route: unsigned, forged, re-encoded, replayed and stale requests are refused and write nothing', async () => {
  for (const route of signedRoutes(village)) {
    const where = (what: string) => `${route.name}: ${what}`;
    const before = await counts();
    refusedWith(await village.request(route.method, route.path, { ...route.o, omitHeader: HEADERS.signature }), 401, 'UNSIGNED', where('unsigned'));
    refusedWith(await village.request(route.method, route.path, { ...route.o, signWith: makeIdentity().privateKey }), 401, 'BAD_SIGNATURE', where('forged'));
    refusedWith(
      await village.request(route.method, route.path, { ...route.o, time: new Date(Date.now() - 10 * 60_000).toISOString() }),
      401,
      'CLOCK_SKEW',
      where('stale'),
    );
    refusedWith(
      await village.request(route.method, route.path, { ...route.o, asTerminalId: other.terminalId }),
      401,
      'BAD_SIGNATURE',
      where('as another terminal'),
    );
    assert.equal(await counts(), before, where('nothing written'));

    const original: SignedRequest = village.prepare(route.method, route.path, route.o);
    const first = await village.send(original);
    assert.ok(first.status < 300, where(`the original is taken: ${first.status} ${first.bytes.toString().slice(0, 200)}`));
    const after = await counts();
    refusedWith(await village.send(original), 401, 'REPLAYED', where('replayed as is'));
    const variants = reencodings(original.headers[HEADERS.signature]!);
    assert.ok(variants.length >= 5, 'several re-encodings tried');
    for (const v of variants) {
      const r = await village.send({ ...original, headers: { ...original.headers, [HEADERS.signature]: v } });
      assert.ok(r.status === 401, where(`re-encoded ${JSON.stringify(v.slice(0, 12))}… answered ${r.status}`));
    }
    assert.equal(await counts(), after, where('no replay wrote anything'));
  }
});

test('cross-division: another village is neither written nor read', async () => {
  const before = await counts();
  const foreign = await village.request('POST', '/v1/outbox', { json: outboxBatch([outboxMessage('application.submitted', submittedBody(OTHER_VILLAGE))]) });
  assert.equal(foreign.status, 200);
  const [result] = foreign.json<{ results: { result: string; code: string; reason: string }[] }>().results;
  assert.deepEqual([result!.result, result!.code], ['invalid', 'FORBIDDEN']);
  assert.match(result!.reason, /\p{Script=Han}/u);
  assert.equal(await counts(), before);
  // Another village's scan: uploaded by it, asked for by us.
  const scan = Buffer.from('沙洲坝村的扫描件');
  const put = await other.request('PUT', `/v1/blobs/${sha(scan)}`, {
    raw: scan,
    contentType: 'application/octet-stream',
    headers: { 'content-range': `bytes 0-${scan.length - 1}/${scan.length}` },
  });
  assert.ok(put.status < 300, put.bytes.toString());
  const read = await village.request('GET', `/v1/blobs/${sha(scan)}`);
  assert.ok(read.status === 404 || read.status === 403, String(read.status));
});

test('hostile message bodies are each that message’s `invalid`; the good one beside them is accepted once', async () => {
  const good = submittedBody(VILLAGE);
  const base = submittedBody(VILLAGE);
  const json = JSON.stringify(base);
  const texts: [string, string][] = [
    ['NUL', json.replace('"address":"', '"address":"\\u0000')],
    ['lone surrogate', json.replace('"name":"', '"name":"\\ud800')],
    ['bidi override', json.replace('"name":"', '"name":"\\u202e')],
    ['5,000 levels', json.replace('"form":{', `"form":{"x":${'['.repeat(5000)}${']'.repeat(5000)},`)],
    ['__proto__', json.replace('"form":{', '"form":{"__proto__":{"polluted":true},')],
    ['a megabyte of name', json.replace('"name":"', `"name":"${'王'.repeat(300_000)}`)],
    ['not JSON', '{"applicationId":'],
    ['wrong check digit', json.replace(base.resident.idNumber, `${base.resident.idNumber.slice(0, 17)}${base.resident.idNumber[17] === '0' ? '1' : '0'}`)],
    ['unknown item', json.replace('"itemCode":"MZ-0001"', '"itemCode":"XX-9999"')],
    ['unknown catalog version', json.replace(`"catalogVersion":"${base.catalogVersion}"`, '"catalogVersion":"1999.1"')],
    ['form against the item', JSON.stringify({ ...base, form: { ...base.form, householdSize: 'many' } })],
  ];
  const before = await counts();
  const messages = [...texts.map(([, text]) => outboxMessage('application.submitted', text)), outboxMessage('application.submitted', good)];
  const r = await village.request('POST', '/v1/outbox', { json: outboxBatch(messages), gzip: true });
  assert.equal(r.status, 200, r.bytes.toString().slice(0, 300));
  const results = r.json<{ results: { result: string; code?: string; reason?: string }[] }>().results;
  texts.forEach(([label], i) => {
    assert.equal(results[i]!.result, 'invalid', label);
    assert.match(results[i]!.reason!, /\p{Script=Han}/u, label);
    assert.doesNotMatch(results[i]!.reason!, /expected|received|Invalid|无效输入/, label);
  });
  assert.equal(results.at(-1)!.result, 'accepted');
  const [apps] = await platform.db.query<{ n: number }>('SELECT count(*)::int AS n FROM applications WHERE id = $1', [good.applicationId]);
  assert.equal(apps!.n, 1);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const grown = JSON.parse(await counts()) as number[];
  const was = JSON.parse(before) as number[];
  assert.deepEqual([grown[0]! - was[0]!, grown[1]! - was[1]!], [1, 1], 'only the good message and its application were written');
});

test('hostile request bodies on every JSON route: 4xx, never 500', async () => {
  const bodies: [string, Buffer][] = [
    ['NUL in a string', Buffer.from('{"appVersion":"1.0\\u0000","queueDepth":0,"invalidCount":0,"lastSyncAt":null,"freeDiskBytes":null,"auditHead":null}')],
    ['lone surrogate', Buffer.from('{"appVersion":"\\ud800","queueDepth":0,"invalidCount":0,"lastSyncAt":null,"freeDiskBytes":null,"auditHead":null}')],
    ['5,000 levels', Buffer.from(`{"appVersion":${'['.repeat(5000)}${']'.repeat(5000)}}`)],
    ['__proto__', Buffer.from('{"__proto__":{"polluted":true}}')],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ['not JSON', Buffer.from('{"a":')],
    ['a bomb', gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20))],
  ];
  for (const path of ['/v1/heartbeat', '/v1/outbox', '/v1/diagnostics']) {
    for (const [label, raw] of bodies) {
      const gzip = label === 'a bomb';
      const r = await village.request('POST', path, { raw, contentType: 'application/json', headers: gzip ? { 'content-encoding': 'gzip' } : {} });
      assert.ok(r.status >= 400 && r.status < 500, `${path} ${label}: ${r.status} ${r.bytes.toString().slice(0, 200)}`);
    }
  }
  for (const [label, raw] of bodies) {
    const r = await fetch(`${platform.url}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array(raw) });
    assert.ok(r.status >= 400 && r.status < 500, `enroll ${label}: ${r.status}`);
  }
});

test('enrollment: a key that is no usable Ed25519 point is refused; code guesses are slowed per source', async () => {
  const { code } = await platform.admin.issueEnrollmentCode({ divisionCode: '360781102230', role: 'village', servicePointName: '测试村代办点' });
  const hex = (h: string) => Buffer.from(h, 'hex').toString('base64');
  const noKeys = [
    hex('00'.repeat(32)), // all zeros: order 4
    hex(`01${'00'.repeat(31)}`), // the identity
    hex(`ec${'ff'.repeat(30)}7f`), // order 2
    hex('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05'), // order 8
    hex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a'), // order 8
    hex(`ed${'ff'.repeat(30)}7f`), // y = p: not canonical
    makeIdentity().publicKey.replace(/=$/, ''), // no padding
  ];
  for (const publicKey of noKeys) {
    const r = await enrollRaw(platform, { code, publicKey, appVersion: '1.0.0' });
    assert.ok(r.status === 400, `${publicKey}: ${r.status} ${r.bytes.toString()}`);
  }
  // The code was not used up by any of them.
  assert.equal((await enrollRaw(platform, { code, publicKey: makeIdentity().publicKey, appVersion: '1.0.0' })).status, 200);

  // Guesses from one source: the free ones are answered, then the source waits, growing.
  const guesses: number[] = [];
  for (let i = 0; i < ENROLL_GUESS_POLICY.freeFailures + 3; i++) {
    guesses.push(
      (await enrollRaw(platform, { code: `GUES-SXXX-${String(i).padStart(4, 'A')}`, publicKey: makeIdentity().publicKey, appVersion: '1.0.0' })).status,
    );
  }
  assert.ok(guesses.includes(429), guesses.join(','));
  const slowed = await fetch(`${platform.url}/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'AAAA-BBBB-CCCC', publicKey: makeIdentity().publicKey, appVersion: '1.0.0' }),
  });
  assert.equal(slowed.status, 429);
  assert.ok(Number(slowed.headers.get('retry-after')) >= 1);
  // Another source is not slowed by this one.
  const elsewhere = await postFrom(
    '127.0.0.3',
    '/v1/enroll',
    JSON.stringify({ code: 'AAAA-BBBB-CCCC', publicKey: makeIdentity().publicKey, appVersion: '1.0.0' }),
  );
  assert.equal(elsewhere, 403);
});

function postFrom(localAddress: string, path: string, body: string): Promise<number> {
  const url = new URL(platform.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('the admin API and the update feed: hostile paths and bodies never reach 500', async () => {
  const paths = [
    ['GET', '/admin/v1/fleet'],
    ['POST', '/admin/v1/accounts/%ED%A0%80/disable'],
    ['POST', '/admin/v1/accounts/%00/reset-password'],
    ['PUT', `/admin/v1/terminals/%00/channel`],
    ['POST', '/admin/v1/releases/%ED%A0%80/pause'],
    ['GET', `/updates/${village.terminalId}/%00latest.yml`],
    ['GET', `/updates/${village.terminalId}/%ED%A0%80`],
    ['GET', `/updates/${village.terminalId}/..%2F..%2Fetc%2Fpasswd`],
    ['GET', '/updates/%00/latest.yml'],
    ['GET', '/v1/blobs/%00/status'],
    ['GET', '/v1/changes?after=%00'],
  ];
  for (const [method, path] of paths) {
    const r = await fetch(`${platform.url}${path}`, {
      method,
      headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : '{}',
    });
    assert.ok(r.status >= 400 && r.status < 500, `${method} ${path}: ${r.status}`);
  }
  for (const body of [
    '{"username":"it\\u0000","password":"x"}',
    '{"username":"\\ud800","password":"x"}',
    `{"username":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    '{"__proto__":{"a":1}}',
  ]) {
    const r = await fetch(`${platform.url}/admin/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.ok(r.status >= 400 && r.status < 500, `login ${body.slice(0, 30)}: ${r.status}`);
  }
});

test('twenty idle sockets do not stop signed outbox posts', async () => {
  const url = new URL(platform.url);
  const idle: ClientRequest[] = Array.from({ length: 20 }, () => {
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      method: 'POST',
      path: '/v1/outbox',
      headers: { 'content-type': 'application/json', 'content-length': '100000' },
    });
    req.on('error', () => {});
    req.write('{');
    return req;
  });
  try {
    const started = performance.now();
    for (let i = 0; i < 10; i++) {
      const r = await village.request('POST', '/v1/outbox', { json: outboxBatch([outboxMessage('application.submitted', submittedBody(VILLAGE))]) });
      assert.equal(r.status, 200, r.bytes.toString());
    }
    assert.ok(performance.now() - started < 10_000, 'no wait for the idle sockets');
  } finally {
    for (const r of idle) r.destroy();
  }
  // A live server at the end; kept-alive sockets are announced shorter than the idle cut, so a client's pool
  // never reuses one the server is about to drop.
  const keepAlive = await new Promise<string | undefined>((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: '/v1/health', headers: { connection: 'keep-alive' } }, (res) => {
      assert.equal(res.statusCode, 204);
      res.resume();
      resolve(String(res.headers['keep-alive']));
    });
    req.on('error', reject);
    req.end();
  });
  assert.equal(keepAlive, `timeout=${CONNECTION_LIMITS.keepAliveMs / 1000}`);
  assert.ok(CONNECTION_LIMITS.keepAliveMs < CONNECTION_LIMITS.idleMs);
});
