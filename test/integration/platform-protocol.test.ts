import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { blobStatusSchema, enrollResponseSchema, HEADERS, LIMITS, type BlobStatus } from '../../core/sync/protocol';
import { buildPlatformApp, type RunningPlatform } from '../../platform';
import type { PlatformDb, Queryable } from '../../platform/database/types';
import { enrollTerminal, outboxBatch, outboxMessage, sha256Hex, platformForSuite, submittedBody, terminalFor, type PlatformBackend } from '../helpers/platform';
import { answeredEarly, assertRefusal, changesFor, CHINESE, postOutbox, putChunk } from '../helpers/protocol';

/** The whole protocol against one platform per backend: the embedded PGlite and a real PostgreSQL. */

function protocolSuite(backend: PlatformBackend) {
  describe(`platform protocol on ${backend}`, () => {
    const running = platformForSuite(backend, 'protocol');
    let platform: RunningPlatform;

    before(async () => {
      platform = running.platform;
    });
    test('health answers 204 with the platform header and the server time', async () => {
      const res = await fetch(`${platform.url}/v1/health`);
      assert.equal(res.status, 204);
      assert.equal(res.headers.get(HEADERS.platform), 'v1');
      const serverTime = Date.parse(res.headers.get(HEADERS.serverTime) ?? '');
      assert.ok(Math.abs(serverTime - Date.now()) < 5_000);
      const missing = await fetch(`${platform.url}/v1/no-such-route`);
      assert.equal(missing.status, 404);
      assert.deepEqual(await missing.json(), { code: 'NOT_FOUND', message: '平台没有这个接口' });
      assert.ok(missing.headers.get(HEADERS.serverTime));
    });

    test('enroll hands out terminal numbers per division, one after another', async () => {
      const a = await enrollTerminal(platform, { divisionCode: '360781101201', name: '华屋村代办点' });
      const b = await enrollTerminal(platform, { divisionCode: '360781101201' });
      const other = await enrollTerminal(platform, { divisionCode: '360781101202' });
      enrollResponseSchema.parse(a);
      assert.deepEqual(
        [a.terminalNo, b.terminalNo, other.terminalNo, a.divisionCode, a.role, a.servicePointName],
        [1, 2, 1, '360781101201', 'village', '华屋村代办点'],
      );
      const township = await enrollTerminal(platform, { divisionCode: '360781101', role: 'township' });
      assert.deepEqual([township.divisionCode, township.role, township.terminalNo], ['360781101000', 'township', 1]);
    });

    test('outbox: accepted, duplicate, conflict and every kind of invalid, one result per message in order', async () => {
      const village = '360781102201';
      const t = await enrollTerminal(platform, { divisionCode: village });
      const app1 = submittedBody(village);
      const m1 = outboxMessage('application.submitted', app1);
      const first = await postOutbox(t, [m1]);
      assert.deepEqual(first.results, [{ id: m1.id, result: 'accepted' }]);

      const changed = { ...app1, receiptNo: 'CHANGED-0001' };
      const conflicting = outboxMessage('application.submitted', changed, m1.id);
      const badHash = { ...outboxMessage('application.submitted', submittedBody(village)), sha256: sha256Hex('something else') };
      const unknownKind = outboxMessage('application.teleported', { applicationId: app1.applicationId });
      const badBody = outboxMessage('application.submitted', { ...submittedBody(village), resident: { name: '' } });
      const notJson = outboxMessage('application.submitted', '{"applicationId": ');
      const foreign = outboxMessage('application.submitted', submittedBody('360781102202'));
      const sameApplication = outboxMessage('application.submitted', { ...app1, resident: { ...app1.resident, phone: '13900000000' } });
      // The very submission under a new message id (its first message purged from the log, a restored terminal): applied once.
      const resent = outboxMessage('application.submitted', app1);
      const good = outboxMessage('application.submitted', submittedBody(village));
      const second = await postOutbox(t, [m1, conflicting, badHash, unknownKind, badBody, notJson, foreign, resent, sameApplication, good]);
      const summary = second.results.map((r) => [r.id, r.result, r.result === 'invalid' ? r.code : '']);
      assert.deepEqual(summary, [
        [m1.id, 'duplicate', ''],
        [m1.id, 'conflict', ''],
        [badHash.id, 'invalid', 'HASH_MISMATCH'],
        [unknownKind.id, 'invalid', 'UNKNOWN_KIND'],
        [badBody.id, 'invalid', 'INVALID_BODY'],
        [notJson.id, 'invalid', 'INVALID_BODY'],
        [foreign.id, 'invalid', 'FORBIDDEN'],
        [resent.id, 'duplicate', ''],
        [sameApplication.id, 'invalid', 'DUPLICATE_APPLICATION'],
        [good.id, 'accepted', ''],
      ]);
      for (const r of second.results) if (r.result === 'invalid' || r.result === 'conflict') assert.match(r.reason, CHINESE);
      const forbidden = second.results[6];
      assert.ok(forbidden?.result === 'invalid' && forbidden.reason.startsWith('不属于本终端辖区'));

      const stored = await platform.admin.getApplication(app1.applicationId);
      assert.deepEqual(
        [stored?.status, stored?.divisionCode, stored?.terminalId, stored?.receiptNo, stored?.residentIdNumber, stored?.dueDate],
        ['sent', village, t.terminalId, app1.receiptNo, app1.resident.idNumber, '2026-12-07'],
      );
      assert.equal(await platform.admin.applicationCount({ divisionCode: village }), 2);
      const conflicts = (await platform.admin.listConflicts()).filter((c) => c.terminalId === t.terminalId);
      assert.deepEqual(
        conflicts.map((c) => [c.messageId, c.otherSha256, c.body]),
        [[m1.id, conflicting.sha256, conflicting.body]],
      );
      // A conflict later on (the same id again, another body) is recorded again, never stored as the message.
      const again = await postOutbox(t, [conflicting]);
      assert.equal(again.results[0]?.result, 'conflict');
    });

    test('outbox: a withdrawal updates the projection; unknown applications are refused', async () => {
      const village = '360781102203';
      const t = await enrollTerminal(platform, { divisionCode: village });
      const app = submittedBody(village);
      const withdraw = { applicationId: app.applicationId, reason: '申请人主动撤回', withdrawnAt: '2026-11-24T03:00:00.000Z', by: 'cadre01' };
      const unknown = { ...withdraw, applicationId: submittedBody(village).applicationId };
      const res = await postOutbox(t, [
        outboxMessage('application.submitted', app),
        outboxMessage('application.withdrawn', withdraw),
        outboxMessage('application.withdrawn', unknown),
      ]);
      assert.deepEqual(
        res.results.map((r) => (r.result === 'invalid' ? r.code : r.result)),
        ['accepted', 'accepted', 'NOT_FOUND'],
      );
      const stored = await platform.admin.getApplication(app.applicationId);
      assert.deepEqual([stored?.status, stored?.withdrawalReason, stored?.withdrawnAt], ['withdrawn', '申请人主动撤回', '2026-11-24T03:00:00.000Z']);
      // The township above hears of both; the village, which sent them, gets no echo.
      const township = await enrollTerminal(platform, { divisionCode: '360781102', role: 'township' });
      const feed = await changesFor(township);
      const mine = feed.changes
        .filter((c) => c.kind === 'application.received' && (c.body as { applicationId: string }).applicationId === app.applicationId)
        .map((c) => (c.body as { status: string }).status);
      assert.deepEqual(mine, ['sent', 'withdrawn']);
      assert.deepEqual(
        (await changesFor(t)).changes.filter((c) => c.kind === 'application.received'),
        [],
      );
    });

    test('outbox: gzip accepted; wire and inflated size limits and a gzip bomb are 413, and the platform stays up', async () => {
      const village = '360781102204';
      const t = await enrollTerminal(platform, { divisionCode: village });
      const messages = Array.from({ length: 50 }, () => outboxMessage('application.submitted', submittedBody(village)));
      const zipped = await postOutbox(t, messages, true);
      assert.equal(zipped.results.filter((r) => r.result === 'accepted').length, 50);
      assert.equal(await platform.admin.applicationCount({ divisionCode: village }), 50);

      const tooBig = await answeredEarly(() =>
        t.request('POST', '/v1/outbox', { raw: randomBytes(LIMITS.requestBodyBytes + 10), contentType: 'application/json' }),
      );
      assertRefusal(tooBig, 413, 'BODY_TOO_LARGE');
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
      assert.ok(bomb.length < LIMITS.requestBodyBytes);
      const bombReply = await t.request('POST', '/v1/outbox', { raw: bomb, contentType: 'application/json', headers: { 'content-encoding': 'gzip' } });
      assertRefusal(bombReply, 413, 'BODY_TOO_LARGE');
      const notGzip = await t.request('POST', '/v1/outbox', {
        raw: Buffer.from('plain'),
        contentType: 'application/json',
        headers: { 'content-encoding': 'gzip' },
      });
      assertRefusal(notGzip, 400, 'INVALID_REQUEST');
      const badShape = await t.request('POST', '/v1/outbox', { json: { batchId: 'nope', messages: [] } });
      const details = assertRefusal(badShape, 400, 'INVALID_REQUEST');
      assert.ok(Array.isArray(details.issues));
      assert.equal((await fetch(`${platform.url}/v1/health`)).status, 204);
    });

    test('blobs: resumable chunks, wrong offset 409, hash mismatch 422, download when complete', async () => {
      const village = '360781102205';
      const t = await enrollTerminal(platform, { divisionCode: village });
      const data = randomBytes(LIMITS.blobChunkBytes * 2 + 1000);
      const sha = sha256Hex(data);
      const status = async () => blobStatusSchema.parse((await t.request('GET', `/v1/blobs/${sha}/status`)).json());
      assert.deepEqual(await status(), { sha256: sha, size: null, received: 0, complete: false });

      const chunk = (i: number) => data.subarray(i * LIMITS.blobChunkBytes, (i + 1) * LIMITS.blobChunkBytes);
      const r1 = await putChunk(t, sha, chunk(0), 0, data.length);
      assert.equal(r1.status, 200);
      assert.deepEqual(r1.json<BlobStatus>(), { sha256: sha, size: data.length, received: LIMITS.blobChunkBytes, complete: false });
      // The terminal lost its connection; it asks where to resume, and a wrong offset is refused with the truth.
      const wrong = await putChunk(t, sha, chunk(2), 2 * LIMITS.blobChunkBytes, data.length);
      const details = assertRefusal(wrong, 409, 'RANGE_MISMATCH');
      assert.deepEqual(details, { sha256: sha, size: data.length, received: LIMITS.blobChunkBytes, complete: false });
      assert.equal((await status()).received, LIMITS.blobChunkBytes);
      const notYet = await t.request('GET', `/v1/blobs/${sha}`);
      assertRefusal(notYet, 404, 'NOT_FOUND');
      const oversized = await putChunk(t, sha, data.subarray(LIMITS.blobChunkBytes, 3 * LIMITS.blobChunkBytes), LIMITS.blobChunkBytes, data.length);
      assertRefusal(oversized, 413, 'BODY_TOO_LARGE');
      assert.equal((await putChunk(t, sha, chunk(1), LIMITS.blobChunkBytes, data.length)).status, 200);
      const last = await putChunk(t, sha, chunk(2), 2 * LIMITS.blobChunkBytes, data.length);
      assert.deepEqual(last.json<BlobStatus>(), { sha256: sha, size: data.length, received: data.length, complete: true });
      const download = await t.request('GET', `/v1/blobs/${sha}`);
      assert.equal(download.status, 200);
      assert.ok(download.bytes.equals(data));

      // Bytes that do not hash to the name: discarded, the terminal starts again from 0.
      const fake = randomBytes(1000);
      const claimed = sha256Hex(randomBytes(8));
      const mismatch = await putChunk(t, claimed, fake, 0, fake.length);
      assert.deepEqual(assertRefusal(mismatch, 422, 'HASH_MISMATCH'), { sha256: claimed, size: 1000, received: 0, complete: false });
      const after = await t.request('GET', `/v1/blobs/${claimed}/status`);
      assert.deepEqual(after.json(), { sha256: claimed, size: 1000, received: 0, complete: false });
      assertRefusal(await t.request('GET', '/v1/blobs/NOT-A-HASH/status'), 400, 'INVALID_REQUEST');
      assertRefusal(await t.request('PUT', `/v1/blobs/${sha}`, { raw: fake }), 400, 'INVALID_REQUEST');
    });

    test('changes: paged by cursor in seq order; a malformed cursor is 400', async () => {
      const village = '360781105201';
      const sender = await enrollTerminal(platform, { divisionCode: village });
      const t = await enrollTerminal(platform, { divisionCode: '360781105', role: 'township' });
      const apps = Array.from({ length: 5 }, () => submittedBody(village));
      await postOutbox(
        sender,
        apps.map((a) => outboxMessage('application.submitted', a)),
      );
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      for (;;) {
        const page = await changesFor(t, `?limit=2${cursor ? `&after=${cursor}` : ''}`);
        pages++;
        assert.ok(page.changes.length <= 2);
        seen.push(...page.changes.filter((c) => c.kind === 'application.received').map((c) => (c.body as { applicationId: string }).applicationId));
        if (page.changes.length > 0) assert.equal(page.cursor, page.changes.at(-1)!.cursor);
        else assert.equal(page.cursor, cursor);
        cursor = page.cursor;
        if (!page.more) break;
      }
      assert.deepEqual(
        seen,
        apps.map((a) => a.applicationId),
      );
      assert.equal(pages, 4, "the platform's keys, the catalog, the village terminal's key and five applications, two a page");
      const empty = await changesFor(t, `?after=${cursor}`);
      assert.deepEqual([empty.changes.length, empty.cursor, empty.more], [0, cursor, false]);
      const all = await changesFor(t);
      assert.deepEqual(
        all.changes.map((c) => [c.kind, c.divisionCode]),
        [
          ['platform.keys', '000000000000'],
          ['catalog.published', '000000000000'],
          ['terminal.enrolled', village],
          ...apps.map(() => ['application.received', village]),
        ],
      );
      for (const bad of ['?after=abc', '?after=-1', '?after=1.5', '?limit=0', `?limit=${LIMITS.changesPageSize + 1}`, '?after=1&after=2']) {
        assertRefusal(await t.request('GET', `/v1/changes${bad}`), 400, 'INVALID_REQUEST');
      }
    });

    test('heartbeat is stored; an audit head that goes back raises the alert', async () => {
      const t = await enrollTerminal(platform, { divisionCode: '360781103202' });
      const beat = (seq: number, hash: string) =>
        t.request('POST', '/v1/heartbeat', {
          json: { appVersion: '0.2.0', queueDepth: 7, invalidCount: 1, lastSyncAt: '2026-11-23T02:00:00.000Z', freeDiskBytes: 5e9, auditHead: { seq, hash } },
        });
      const h1 = await beat(10, sha256Hex('a'));
      assert.equal(h1.status, 200);
      assert.ok(Date.parse(h1.json<{ serverTime: string }>().serverTime) > 0);
      const row = async () => (await platform.admin.listTerminals()).find((x) => x.id === t.terminalId)!;
      let r = await row();
      assert.deepEqual(
        [r.appVersion, r.queueDepth, r.invalidCount, r.freeDiskBytes, r.lastSyncAt, r.auditAlert],
        ['0.2.0', 7, 1, 5e9, '2026-11-23T02:00:00.000Z', false],
      );
      await beat(12, sha256Hex('b'));
      assert.equal((await row()).auditAlert, false);
      await beat(12, sha256Hex('c')); // same seq, another hash: the end was rewritten
      assert.equal((await row()).auditAlert, true);

      const u = await enrollTerminal(platform, { divisionCode: '360781103203' });
      await u.request('POST', '/v1/heartbeat', {
        json: { appVersion: '0.2.0', queueDepth: 0, invalidCount: 0, lastSyncAt: null, freeDiskBytes: null, auditHead: { seq: 30, hash: sha256Hex('x') } },
      });
      await u.request('POST', '/v1/heartbeat', {
        json: { appVersion: '0.2.0', queueDepth: 0, invalidCount: 0, lastSyncAt: null, freeDiskBytes: null, auditHead: { seq: 25, hash: sha256Hex('y') } },
      });
      r = (await platform.admin.listTerminals()).find((x) => x.id === u.terminalId)!;
      assert.equal(r.auditAlert, true);
      assertRefusal(await u.request('POST', '/v1/heartbeat', { json: { appVersion: '0.2.0' } }), 400, 'INVALID_REQUEST');
    });

    test('overload: beyond maxInflightOutbox signed batches get 503 with Retry-After; an idle stranger holds no slot', async () => {
      const t = await enrollTerminal(platform, { divisionCode: '360781105201' });
      // A second front end on the same database, allowing one batch at a time. Its transactions wait at a
      // gate the test opens, so a batch is verifiably in flight (PGlite would otherwise run them one by one).
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      let entered!: () => void;
      const waiting = new Promise<void>((resolve) => (entered = resolve));
      const db: PlatformDb = {
        backend: platform.db.backend,
        query: (text, params) => platform.db.query(text, params),
        transaction: async <T>(fn: (tx: Queryable) => Promise<T>) => {
          entered();
          await gate;
          return platform.db.transaction(fn);
        },
        close: async () => {},
      };
      const app = buildPlatformApp({ db, now: () => new Date(), log: pino({ level: 'silent' }) }, { maxInflightOutbox: 1, logRequests: false });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const port = (app.server.address() as { port: number }).port;
      const busy = terminalFor({ url: `http://127.0.0.1:${port}` }, t, t.identity);
      const batch = () => busy.request('POST', '/v1/outbox', { json: outboxBatch([outboxMessage('application.submitted', submittedBody('360781105201'))]) });
      try {
        // Twenty strangers' requests with headers sent and the body never finished: they hold no slot.
        const held = Array.from({ length: 20 }, () => {
          const r = httpRequest({
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/v1/outbox',
            headers: { 'content-type': 'application/json', 'content-length': '100000' },
          });
          r.on('error', () => {});
          r.write('{');
          return r;
        });
        const first = batch();
        // Only once it waits at the gate is it surely in flight: sent at once, the next could overtake it.
        await waiting;
        const refused = await batch();
        assertRefusal(refused, 503, 'UNAVAILABLE');
        assert.equal(refused.headers.get('retry-after'), '2');
        open();
        assert.equal((await first).status, 200, 'the batch in flight is taken once the gate opens');
        assert.equal((await batch()).status, 200, 'and the next one after it');
        for (const r of held) r.destroy();
      } finally {
        open();
        await app.close();
      }
    });
  });
}

protocolSuite('pglite');
protocolSuite('postgres');
protocolSuite('haproxy');
