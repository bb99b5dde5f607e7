import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedDivisions } from '../../core/divisions/seed';
import { changesResponseSchema, type ChangesResponse } from '../../core/sync/protocol';
import type { RunningPlatform } from '../../platform/index';
import { DELEGATED_CATALOG } from '../helpers/delegated-catalog';
import { startSimulatedProvince, type SimulatedProvince } from '../../platform/gateway/simulated-province';
import { enrollTerminal, outboxBatch, outboxMessage, submittedBody, type TestTerminal } from '../helpers/platform';
import { startTestPlatform } from '../helpers/sync';

/**
 * Issue #18, a gateway to the province's own platform: every accepted application of the connector's
 * divisions is handed to the external system exactly once across its failures (500s, hangs, answers that
 * come after the timeout), and its decisions reach the village once however often it sends them.
 */

const SECRET = 'a-province-shared-secret-of-forty-characters';
const VILLAGE = '360781102201';
const OTHER_COUNTY_VILLAGE = '360782100201';
let platform: RunningPlatform;
let province: SimulatedProvince;
let village: TestTerminal;

before(async () => {
  platform = await startTestPlatform({ delegated: true });
  await platform.admin.loadDivisions(seedDivisions());
  province = await startSimulatedProvince(SECRET);
  village = await enrollTerminal(platform, { divisionCode: VILLAGE });
});
after(async () => {
  await province?.close();
  await platform?.close();
});

async function submit(terminal: TestTerminal, count: number, catalogVersion = DELEGATED_CATALOG.version) {
  const bodies = Array.from({ length: count }, () => submittedBody(terminal.divisionCode, { catalogVersion }));
  const reply = await terminal.request('POST', '/v1/outbox', { json: outboxBatch(bodies.map((b) => outboxMessage('application.submitted', b))) });
  assert.equal(reply.status, 200, reply.bytes.toString());
  return bodies;
}

/**
 * Delivery runs as the timer would; between runs, what waits for a retry is checked to wait (10 s after the
 * first failure, doubling) and then brought due, since the external system checks the time of each request.
 */
async function deliverUntilDone(): Promise<number> {
  let runs = 0;
  for (; runs < 20; runs++) {
    await platform.gateway.deliverNow();
    const [status] = await platform.gateway.status();
    if (status!.waiting === 0) break;
    const early = await platform.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM gateway_outbox WHERE delivered_at IS NULL AND next_attempt_at < now() + interval '5 seconds'`,
    );
    assert.equal(early[0]!.n, 0, 'a failed delivery waits before its retry');
    await platform.db.query('UPDATE gateway_outbox SET next_attempt_at = now() WHERE delivered_at IS NULL');
  }
  return runs;
}

async function villageChanges(): Promise<ChangesResponse['changes']> {
  const reply = await village.request('GET', '/v1/changes?limit=200');
  assert.equal(reply.status, 200);
  return changesResponseSchema.parse(reply.json()).changes;
}

const decision = (applicationId: string, n: number, o: Partial<Record<string, unknown>> = {}) => ({
  decisionId: `SP-${n}`,
  applicationId,
  decision: n % 3 === 0 ? 'reject' : 'approve',
  reason: n % 3 === 0 ? '家庭人均收入高于当地最低生活保障标准' : null,
  reviewerName: '省平台审核员',
  decidedAt: '2026-12-01T02:00:00.000Z',
  ...o,
});

test('applications go to the province once each across 500s, hangs and late answers; its decisions reach the village once', async () => {
  const config = await platform.gateway.setConnector({
    name: 'jiangxi',
    url: province.url,
    secret: SECRET,
    timeoutMs: 1_000,
    divisions: ['360781'],
    reviewExternally: true,
    fields: {
      PROJID: 'receiptNo',
      TASKCODE: 'itemCode',
      TASKNAME: 'itemName',
      APPLYNAME: 'applicantName',
      APPLYCARDNO: 'applicantIdNumber',
      ACCEPTTIME: 'acceptedAt',
      MATERIALS: 'materials',
      AREA: 'divisionName',
    },
  });
  assert.equal(config.timeoutMs, 1_000);
  const other = await enrollTerminal(platform, { divisionCode: OTHER_COUNTY_VILLAGE });
  await submit(other, 2);
  const bodies = await submit(village, 30);

  province.fail(4);
  // A province that answers its error with a NUL and a lone surrogate: the error is kept, readable, and retried.
  province.fail(1, '{"error":"系统\u0000繁忙\ud800"}');
  province.hang(2);
  province.answerLate(3, 1_500);
  const runs = await deliverUntilDone();
  assert.ok(runs >= 1 && runs < 20, `delivery runs: ${runs}`);

  assert.equal(province.badSignatures, 0);
  assert.equal(province.records.size, 30, 'one 办件 per application, none from the other county');
  assert.ok(province.posts >= 30 + 5 + 2 + 3, `retries were made: ${province.posts} posts`);
  for (const b of bodies) {
    const r = province.records.get(b.applicationId);
    assert.ok(r, `delivered ${b.receiptNo}`);
    assert.equal(r.PROJID, b.receiptNo);
    assert.equal(r.TASKNAME, '最低生活保障申请');
    assert.equal(r.AREA, '华屋村');
    assert.equal(r.APPLYCARDNO, b.resident.idNumber);
    assert.ok(Array.isArray(r.MATERIALS) && (r.MATERIALS as unknown[]).length > 0);
    assert.equal(r.ITEM_CODE, undefined, 'only the mapped fields go');
  }
  const [status] = await platform.gateway.status();
  assert.equal(status!.delivered, 30);
  assert.equal(status!.waiting, 0);
  const ids = await platform.db.query<{ external_id: string }>(`SELECT external_id FROM gateway_outbox WHERE connector = 'jiangxi'`);
  assert.equal(new Set(ids.map((r) => r.external_id)).size, 30, "each row keeps the province's own 办件 number");

  // The province answers twice: every decision is sent two times at once.
  const replies = await Promise.all(bodies.flatMap((b, n) => [0, 1].map(() => province.sendDecision(platform.url, 'jiangxi', decision(b.applicationId, n)))));
  for (const r of replies) assert.equal(r.status, 200, JSON.stringify(r.json));
  const results = replies.map((r) => (r.json as { result: string }).result);
  assert.equal(results.filter((r) => r === 'accepted').length, 30);
  assert.equal(results.filter((r) => r === 'duplicate').length, 30);

  const decided = (await villageChanges()).filter((c) => c.kind === 'application.decided');
  assert.equal(decided.length, 30, 'each decision reaches the village once');
  const byApp = new Map(decided.map((c) => [(c.body as { applicationId: string }).applicationId, c.body as { status: string; reviewer: { name: string } }]));
  bodies.forEach((b, n) => {
    assert.equal(byApp.get(b.applicationId)?.status, n % 3 === 0 ? 'rejected' : 'approved');
    assert.equal(byApp.get(b.applicationId)?.reviewer.name, '省平台审核员');
  });
  const [rows] = await platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM decisions WHERE connector = 'jiangxi' AND terminal_id IS NULL`);
  assert.equal(rows!.n, 30);
});

test('a multi-level item decided in the province moves one step: its township approval opens the notice', async () => {
  const [b] = await submit(village, 1, '2026.3');
  await deliverUntilDone();
  const r = await province.sendDecision(platform.url, 'jiangxi', decision(b!.applicationId, 1, { decisionId: 'ML-1' }));
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal((r.json as { status: string }).status, 'publicizing');
});

test('what the gateway refuses: a bad signature, an old request, another connector, an application it never got, a second decision, garbage', async () => {
  const [b] = await submit(village, 1);
  await deliverUntilDone();
  const good = decision(b!.applicationId, 1, { decisionId: 'R-1' });
  const cases: [string, Promise<{ status: number; json: unknown }>, number, string][] = [
    ['wrong secret', province.sendDecision(platform.url, 'jiangxi', good, { secret: 'x'.repeat(40) }), 401, 'BAD_SIGNATURE'],
    ['ten minutes old', province.sendDecision(platform.url, 'jiangxi', good, { timestamp: Math.floor(Date.now() / 1000) - 600 }), 401, 'CLOCK_SKEW'],
    ['unknown connector', province.sendDecision(platform.url, 'nowhere', good), 404, 'NOT_FOUND'],
    [
      'not handed over',
      province.sendDecision(platform.url, 'jiangxi', decision('0190a0b0-0000-7000-8000-000000000001', 1, { decisionId: 'R-2' })),
      404,
      'NOT_FOUND',
    ],
    ['NUL in the reason', province.sendDecision(platform.url, 'jiangxi', { ...good, decision: 'reject', reason: '收入\u0000超标' }), 400, 'INVALID_REQUEST'],
    ['lone surrogate', province.sendDecision(platform.url, 'jiangxi', { ...good, reviewerName: '\ud800' }), 400, 'INVALID_REQUEST'],
    ['5,000 levels', province.sendDecision(platform.url, 'jiangxi', '['.repeat(5000) + ']'.repeat(5000)), 400, 'INVALID_REQUEST'],
    ['not JSON', province.sendDecision(platform.url, 'jiangxi', '{"decisionId":'), 400, 'INVALID_REQUEST'],
    ['1 MB body', province.sendDecision(platform.url, 'jiangxi', JSON.stringify({ ...good, reason: '长'.repeat(400_000) })), 413, 'BODY_TOO_LARGE'],
  ];
  for (const [what, reply, status, code] of cases) {
    const r = await reply;
    assert.equal(r.status, status, `${what}: ${JSON.stringify(r.json)}`);
    assert.equal((r.json as { code: string }).code, code, what);
    assert.match((r.json as { message: string }).message, /[\u4e00-\u9fff]/, `${what} is said in Chinese`);
  }
  assert.equal((await province.sendDecision(platform.url, 'jiangxi', good)).status, 200);
  const again = await province.sendDecision(platform.url, 'jiangxi', { ...good, decisionId: 'R-3', decision: 'reject', reason: '重复审核' });
  assert.equal(again.status, 409);
  assert.equal((again.json as { code: string }).code, 'CONFLICT');
  const changed = await province.sendDecision(platform.url, 'jiangxi', { ...good, reviewerName: '另一人' });
  assert.equal(changed.status, 409, 'the same decision id with other content');

  await platform.gateway.setConnector({ name: 'register-only', url: province.url, secret: SECRET, divisions: ['360781'] });
  const [c] = await submit(village, 1);
  await platform.gateway.deliverNow();
  const notReviewing = await province.sendDecision(platform.url, 'register-only', decision(c!.applicationId, 1, { decisionId: 'R-4' }));
  assert.equal(notReviewing.status, 403);
});

test('a connector configuration is checked before it is kept, in Chinese', async () => {
  for (const bad of [
    { name: 'Bad Name', url: province.url, secret: SECRET },
    { name: 'short-secret', url: province.url, secret: 'abc' },
    { name: 'ftp', url: 'ftp://127.0.0.1/x', secret: SECRET },
    { name: 'fields', url: province.url, secret: SECRET, fields: { PROJID: 'nonsense' } },
  ]) {
    await assert.rejects(platform.gateway.setConnector(bad), (e: Error) => /[\u4e00-\u9fff]/.test(e.message) && (e as { status?: number }).status === 400);
  }
});

test('backfill: applications accepted before a connector existed are queued once; delivered ones are not sent again', async () => {
  const before = await submit(village, 3);
  const late = await startSimulatedProvince(SECRET);
  try {
    await platform.gateway.setConnector({ name: 'late', url: late.url, secret: SECRET, divisions: ['360781102201'] });
    const queued = await platform.gateway.backfill('late');
    assert.ok(queued >= 3, `queued ${queued}`);
    await platform.gateway.deliverNow();
    for (const b of before) assert.ok(late.records.has(b.applicationId));
    assert.equal(await platform.gateway.backfill('late'), 0, 'each application once');
    await platform.gateway.deliverNow();
    assert.equal(late.posts, late.records.size, 'nothing delivered twice');
    await assert.rejects(platform.gateway.backfill('nowhere'), /没有名为“nowhere”的对接接口/);
  } finally {
    await platform.gateway.setEnabled('late', false);
    await late.close();
  }
});
