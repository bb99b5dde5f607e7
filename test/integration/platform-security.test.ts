import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { HEADERS, LIMITS, REPLAY_WINDOW_MS, type ChangesResponse, type OutboxResponse } from '../../core/sync/protocol';
import type { RunningPlatform } from '../../platform';
import {
  enrollRaw,
  enrollTerminal,
  makeIdentity,
  outboxBatch,
  outboxMessage,
  sha256Hex,
  platformForSuite,
  submittedBody,
  type PlatformBackend,
  type TestTerminal,
} from '../helpers/platform';
import { assertRefusal } from '../helpers/protocol';

/** Every refusal of DESIGN.md §5 and §8, tried: signatures, replays, clocks, jurisdictions, enrollment codes. */

const HEARTBEAT = { appVersion: '0.1.0', queueDepth: 0, invalidCount: 0, lastSyncAt: null, freeDiskBytes: null, auditHead: null };

async function uploadWhole(t: TestTerminal, data: Buffer): Promise<string> {
  const sha = sha256Hex(data);
  const r = await t.request('PUT', `/v1/blobs/${sha}`, { raw: data, headers: { 'content-range': `bytes 0-${data.length - 1}/${data.length}` } });
  assert.equal(r.status, 200, r.bytes.toString());
  return sha;
}

function securitySuite(backend: PlatformBackend) {
  describe(`platform security on ${backend}`, () => {
    const running = platformForSuite(backend, 'security');
    let platform: RunningPlatform;
    let villageA: TestTerminal;
    let villageB: TestTerminal;
    let townshipT: TestTerminal;
    let otherTownship: TestTerminal;

    before(async () => {
      platform = running.platform;
      villageA = await enrollTerminal(platform, { divisionCode: '360781102201' });
      villageB = await enrollTerminal(platform, { divisionCode: '360781102202' });
      townshipT = await enrollTerminal(platform, { divisionCode: '360781102', role: 'township' });
      otherTownship = await enrollTerminal(platform, { divisionCode: '360781103', role: 'township' });
    });
    test('unsigned, forged and tampered requests are refused', async () => {
      const plain = await fetch(`${platform.url}/v1/changes`);
      assert.equal(plain.status, 401);
      assert.equal(((await plain.json()) as { code: string }).code, 'UNSIGNED');
      for (const h of [HEADERS.terminal, HEADERS.time, HEADERS.contentSha256, HEADERS.signature]) {
        assertRefusal(await villageA.request('GET', '/v1/changes', { omitHeader: h }), 401, 'UNSIGNED');
      }
      const body = { json: HEARTBEAT };
      assertRefusal(await villageA.request('POST', '/v1/heartbeat', { ...body, signWith: makeIdentity().privateKey }), 401, 'BAD_SIGNATURE');
      assertRefusal(
        await villageA.request('POST', '/v1/heartbeat', { ...body, signBody: Buffer.from(JSON.stringify({ ...HEARTBEAT, queueDepth: 1 })) }),
        401,
        'BAD_SIGNATURE',
      );
      assertRefusal(await villageA.request('GET', '/v1/changes?after=5', { signPath: '/v1/changes?after=0' }), 401, 'BAD_SIGNATURE');
      // The digest header honest about the body, but the signature made over another digest.
      const tampered = villageA.prepare('POST', '/v1/heartbeat', body);
      tampered.body = Buffer.from(JSON.stringify({ ...HEARTBEAT, queueDepth: 99 }));
      assertRefusal(await villageA.send(tampered), 401, 'BAD_SIGNATURE');
      // Terminal A's id, signed with terminal B's key.
      assertRefusal(await villageA.request('GET', '/v1/changes', { signWith: villageB.identity.privateKey }), 401, 'BAD_SIGNATURE');
      assertRefusal(await villageA.request('GET', '/v1/changes', { asTerminalId: '0190d6c2-0000-7000-8000-000000000000' }), 401, 'UNKNOWN_TERMINAL');
      assertRefusal(await villageA.request('GET', '/v1/changes', { asTerminalId: 'not-a-uuid' }), 401, 'UNKNOWN_TERMINAL');
      assert.equal((await villageA.request('POST', '/v1/heartbeat', body)).status, 200);
    });

    test('a replayed request and a stale clock are refused', async () => {
      const req = villageA.prepare('POST', '/v1/heartbeat', { json: HEARTBEAT });
      assert.equal((await villageA.send(req)).status, 200);
      assertRefusal(await villageA.send(req), 401, 'REPLAYED');
      const stale = new Date(Date.now() - REPLAY_WINDOW_MS - 60_000).toISOString();
      const skew = assertRefusal(await villageA.request('GET', '/v1/changes', { time: stale }), 401, 'CLOCK_SKEW');
      assert.ok(Math.abs(Date.parse(String(skew.serverTime)) - Date.now()) < 5_000);
      const future = new Date(Date.now() + REPLAY_WINDOW_MS + 60_000).toISOString();
      assertRefusal(await villageA.request('GET', '/v1/changes', { time: future }), 401, 'CLOCK_SKEW');
      assertRefusal(await villageA.request('GET', '/v1/changes', { time: 'yesterday' }), 401, 'CLOCK_SKEW');
    });

    test('a village terminal cannot write for another village nor read its changes or blobs', async () => {
      const foreign = outboxMessage('application.submitted', submittedBody(villageB.divisionCode));
      const own = submittedBody(villageB.divisionCode);
      const reply = await villageA.request('POST', '/v1/outbox', { json: outboxBatch([foreign]) });
      const res = reply.json<OutboxResponse>();
      assert.equal(res.results[0]?.result, 'invalid');
      assert.ok(res.results[0]?.result === 'invalid' && res.results[0].code === 'FORBIDDEN');
      assert.equal(await platform.admin.getApplication(JSON.parse(foreign.body).applicationId), null);

      // B's own application: A may not withdraw it.
      await villageB.request('POST', '/v1/outbox', { json: outboxBatch([outboxMessage('application.submitted', own)]) });
      const withdraw = outboxMessage('application.withdrawn', {
        applicationId: own.applicationId,
        reason: '冒名撤回',
        withdrawnAt: new Date().toISOString(),
        by: 'x',
      });
      const w = (await villageA.request('POST', '/v1/outbox', { json: outboxBatch([withdraw]) })).json<OutboxResponse>();
      assert.ok(w.results[0]?.result === 'invalid' && w.results[0].code === 'NOT_FOUND');
      assert.equal((await platform.admin.getApplication(own.applicationId))?.status, 'sent');

      const feedA = (await villageA.request('GET', '/v1/changes')).json<ChangesResponse>();
      assert.ok(!feedA.changes.some((c) => c.divisionCode === villageB.divisionCode), 'A sees nothing of B');

      const scanB = await uploadWhole(villageB, randomBytes(3000));
      assertRefusal(await villageA.request('GET', `/v1/blobs/${scanB}`), 404, 'NOT_FOUND');
      assert.deepEqual((await villageA.request('GET', `/v1/blobs/${scanB}/status`)).json(), { sha256: scanB, size: null, received: 0, complete: false });
      assert.equal((await villageB.request('GET', `/v1/blobs/${scanB}`)).status, 200);
      // A township's blob is not its villages' to read either.
      const scanT = await uploadWhole(townshipT, randomBytes(500));
      assertRefusal(await villageA.request('GET', `/v1/blobs/${scanT}`), 404, 'NOT_FOUND');
    });

    test("a township terminal reads its villages' applications and blobs, not another township's", async () => {
      const app = submittedBody(villageA.divisionCode);
      await villageA.request('POST', '/v1/outbox', { json: outboxBatch([outboxMessage('application.submitted', app)]) });
      const scanA = await uploadWhole(villageA, randomBytes(LIMITS.blobChunkBytes / 2));

      const feed = (await townshipT.request('GET', '/v1/changes')).json<ChangesResponse>();
      const received = feed.changes.filter((c) => c.kind === 'application.received').map((c) => (c.body as { applicationId: string }).applicationId);
      assert.ok(received.includes(app.applicationId));
      assert.ok(feed.changes.every((c) => c.divisionCode.startsWith('360781102') || c.divisionCode === '000000000000'));
      assert.equal((await townshipT.request('GET', `/v1/blobs/${scanA}`)).status, 200);

      const otherFeed = (await otherTownship.request('GET', '/v1/changes')).json<ChangesResponse>();
      assert.deepEqual(
        otherFeed.changes.filter((c) => c.kind === 'application.received'),
        [],
      );
      assertRefusal(await otherTownship.request('GET', `/v1/blobs/${scanA}`), 404, 'NOT_FOUND');
      // It may not submit for a village outside its township either.
      const out = (
        await otherTownship.request('POST', '/v1/outbox', { json: outboxBatch([outboxMessage('application.submitted', submittedBody(villageA.divisionCode))]) })
      ).json<OutboxResponse>();
      assert.ok(out.results[0]?.result === 'invalid' && out.results[0].code === 'FORBIDDEN');
      // Its own villages it may (a township service centre takes applications too).
      const inside = (
        await townshipT.request('POST', '/v1/outbox', { json: outboxBatch([outboxMessage('application.submitted', submittedBody(villageB.divisionCode))]) })
      ).json<OutboxResponse>();
      assert.equal(inside.results[0]?.result, 'accepted');
    });

    test('a disabled terminal is refused', async () => {
      const t = await enrollTerminal(platform, { divisionCode: '360781102209' });
      assert.equal((await t.request('GET', '/v1/changes')).status, 200);
      await platform.admin.disableTerminal(t.terminalId);
      assertRefusal(await t.request('GET', '/v1/changes'), 403, 'TERMINAL_DISABLED');
      const row = (await platform.admin.listTerminals()).find((x) => x.id === t.terminalId);
      assert.equal(row?.disabled, true);
    });

    test('an enrollment code works exactly once, also when two terminals race for it; expired and unknown codes are refused', async () => {
      const { code } = await platform.admin.issueEnrollmentCode({ divisionCode: '360781102210', role: 'village', servicePointName: '测试村代办点' });
      const attempts = await Promise.all(
        Array.from({ length: 4 }, () => enrollRaw(platform, { code, publicKey: makeIdentity().publicKey, appVersion: '0.1.0' })),
      );
      assert.deepEqual(attempts.map((a) => a.status).sort(), [200, 403, 403, 403]);
      for (const a of attempts.filter((x) => x.status === 403)) assertRefusal(a, 403, 'ENROLL_CODE_INVALID');
      assertRefusal(await enrollRaw(platform, { code, publicKey: makeIdentity().publicKey, appVersion: '0.1.0' }), 403, 'ENROLL_CODE_INVALID');
      assertRefusal(
        await enrollRaw(platform, { code: 'AAAA-BBBB-CCCC', publicKey: makeIdentity().publicKey, appVersion: '0.1.0' }),
        403,
        'ENROLL_CODE_INVALID',
      );

      const expired = await platform.admin.issueEnrollmentCode({
        divisionCode: '360781102211',
        role: 'village',
        servicePointName: '过期村代办点',
        ttlHours: 1,
      });
      await platform.db.query("UPDATE enrollment_codes SET expires_at = now() - interval '1 minute' WHERE division_code = $1", ['360781102211']);
      assertRefusal(await enrollRaw(platform, { code: expired.code, publicKey: makeIdentity().publicKey, appVersion: '0.1.0' }), 403, 'ENROLL_CODE_INVALID');

      // Codes are stored hashed only.
      const stored = await platform.db.query<{ code_sha256: string }>('SELECT code_sha256 FROM enrollment_codes');
      assert.ok(stored.every((r) => /^[0-9a-f]{64}$/.test(r.code_sha256)));
      assert.ok(!stored.some((r) => r.code_sha256.includes(code.replace(/-/g, ''))));
      // A wrong level for the role is refused when issuing.
      await assert.rejects(platform.admin.issueEnrollmentCode({ divisionCode: '360781102', role: 'village', servicePointName: '错误' }), /村级终端/);
      await assert.rejects(platform.admin.issueEnrollmentCode({ divisionCode: '360781102201', role: 'township', servicePointName: '错误' }), /乡镇终端/);
    });
  });
}

securitySuite('pglite');
securitySuite('postgres');
securitySuite('haproxy');
