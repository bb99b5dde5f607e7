/**
 * The poison test (issue #12): 100 good applications queued with four bad ones — a NUL in an address, a
 * lone surrogate in a name, a scan the platform refuses, an item the platform does not know — written into
 * the queue as an older or hostile build would (the station's own boundary refuses them now). One sync:
 * the 100 (and the application whose scan was refused) reach the platform exactly once, each bad one is in
 * the cadre's problem list with a Chinese reason, and nothing stays pending. A second sync doubles nothing.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { ApplicationView } from '../../core/api/views';
import { LIMITS } from '../../core/sync/protocol';
import type { RunningPlatform } from '../../platform';
import { enrolledStation, noisyScan, startTestPlatform, submitApplication, SYNC_VILLAGE, type SyncTestStation } from '../helpers/sync';

let platform: RunningPlatform;
let t: SyncTestStation;

before(async () => {
  platform = await startTestPlatform();
  t = await enrolledStation(platform);
});
after(async () => {
  await t?.cleanup();
  await platform?.close();
});

/** Rewrites a queued message's body text (and its digest), as a build without the text rule could have stored it. */
function tamper(applicationId: string, edit: (text: string) => string): string {
  const db = t.station.ctx.db;
  const row = db
    .prepare(`SELECT id, body FROM outbox WHERE kind = 'application.submitted' AND json_extract(body, '$.applicationId') = ?`)
    .get(applicationId) as {
    id: string;
    body: string;
  };
  const body = edit(row.body);
  assert.ok(body !== row.body, 'the tampering changed the body');
  db.prepare('UPDATE outbox SET body = ?, sha256 = ? WHERE id = ?').run(body, createHash('sha256').update(body).digest('hex'), row.id);
  return row.id;
}

async function platformCount(): Promise<{ n: number; distinct: number }> {
  const [r] = await platform.db.query<{ n: number; distinct: number }>(
    'SELECT count(*)::int AS n, count(DISTINCT id)::int AS distinct FROM applications WHERE division_code = $1',
    [SYNC_VILLAGE],
  );
  return r!;
}

test('100 good applications and four poisoned ones: the good reach the platform once, the bad are listed, nothing waits', { timeout: 240_000 }, async () => {
  const api = t.station;
  const good: ApplicationView[] = [];
  for (let n = 1; n <= 50; n++) good.push(await submitApplication(api, n));
  const nul = await submitApplication(api, 201);
  const surrogate = await submitApplication(api, 202);
  const scanned = await submitApplication(api, 203, [await noisyScan(400, 300)]);
  const unknownItem = await submitApplication(api, 204);
  for (let n = 51; n <= 100; n++) good.push(await submitApplication(api, n));

  const bad = {
    nul: tamper(nul.id, (s) => s.replace('"address":null', '"address":"华屋村\\u00003组"')),
    surrogate: tamper(surrogate.id, (s) => s.replace(/"name":"[^"]*"/, '"name":"\\ud800王"')),
    unknownItem: tamper(unknownItem.id, (s) => s.replace('"itemCode":"MZ-0001"', '"itemCode":"XX-9999"')),
  };
  // A scan over the platform's limit (the station refuses such a file at the counter now).
  const big = randomBytes(LIMITS.blobMaxBytes + 1024 * 1024);
  const bigSha = api.ctx.blobs.put(big);
  tamper(scanned.id, (s) =>
    s.replace(
      /"sha256":"[0-9a-f]{64}","fileName":"([^"]*)","mimeType":"[^"]*","size":\d+/,
      `"sha256":"${bigSha}","fileName":"$1","mimeType":"application/pdf","size":${big.length}`,
    ),
  );

  const status = await api.call('sync.now', {});
  assert.equal(status.lastError, null, 'one bad item never stops the run');
  assert.equal(status.pending, 0, 'nothing stays pending');
  assert.equal(status.pendingBlobs, 0);

  const count = await platformCount();
  assert.deepEqual(count, { n: 101, distinct: 101 }, 'the 100 and the one whose scan was refused, each once');
  for (const a of [...good, scanned]) assert.equal((await api.call('applications.get', { id: a.id })).status, 'sent');
  for (const a of [nul, surrogate, unknownItem]) assert.equal((await api.call('applications.get', { id: a.id })).status, 'queued');

  const problems = new Map(status.problems.map((p) => [p.messageId.split(':')[0]!, p]));
  assert.equal(status.problems.length, 4, JSON.stringify(status.problems));
  for (const [what, id] of Object.entries(bad)) {
    const p = problems.get(id);
    assert.ok(p, `${what} is in the problem list`);
    assert.match(p.reason, /\p{Script=Han}/u, what);
    assert.doesNotMatch(p.reason, /expected|received|Invalid|无效输入/, what);
  }
  assert.match(problems.get(bad.nul)!.reason, /控制字符/);
  assert.match(problems.get(bad.surrogate)!.reason, /无法识别的字符/);
  assert.match(problems.get(bad.unknownItem)!.reason, /XX-9999/);
  const scanProblem = status.problems.find((p) => p.kind === 'attachment')!;
  assert.equal(scanProblem.receiptNo, scanned.receiptNo);
  assert.match(scanProblem.reason, /扫描件.*20 MB/);

  // Again: nothing doubled, nothing new refused.
  const again = await api.call('sync.now', {});
  assert.equal(again.lastError, null);
  assert.deepEqual(await platformCount(), { n: 101, distinct: 101 });
  assert.equal(again.problems.length, 4);
});
