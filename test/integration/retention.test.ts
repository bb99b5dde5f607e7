import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningPlatform } from '../../platform/index';
import { enrollTerminal, outboxBatch, outboxMessage, submittedBody } from '../helpers/platform';
import { startTestPlatform } from '../helpers/sync';

/**
 * Issue #18, retention: the message log, spent enrollment codes and delivered gateway rows go after their
 * windows, in batches; a terminal restored from an old backup that sends a purged message again doubles nothing.
 */

let platform: RunningPlatform;
let offsetDays = 0;
const DAY = 86_400_000;

before(async () => {
  platform = await startTestPlatform({ now: () => new Date(Date.now() + offsetDays * DAY) });
});
after(() => platform?.close());

test('old messages, codes and delivered rows are purged; a resent purged submission is a duplicate, not a second application', async () => {
  const village = await enrollTerminal(platform, { divisionCode: '360781102201' });
  const bodies = Array.from({ length: 12 }, () => submittedBody(village.divisionCode));
  const messages = bodies.map((b) => outboxMessage('application.submitted', b));
  const first = await village.request('POST', '/v1/outbox', { json: outboxBatch(messages) });
  assert.equal(first.status, 200);
  await platform.admin.issueEnrollmentCode({ divisionCode: '360781102202', role: 'village', servicePointName: '过期注册码' });
  const count = async (table: string) => (await platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const codesBefore = await count('enrollment_codes');

  // Nothing is due yet.
  assert.deepEqual(await platform.admin.purgeExpired(), { messages: 0, enrollmentCodes: 0, gatewayDelivered: 0, transferUploads: 0 });
  offsetDays = 181;
  try {
    const purged = await platform.admin.purgeExpired();
    assert.equal(purged.messages, 12);
    assert.equal(purged.enrollmentCodes, codesBefore, 'the used code and the expired one');
  } finally {
    offsetDays = 0;
  }
  assert.equal(await count('messages'), 0);
  assert.equal(await count('applications'), 12, 'the records stay');

  // The same messages again (a terminal restored from a backup taken before they were acknowledged).
  const again = await village.request('POST', '/v1/outbox', { json: outboxBatch(messages) });
  assert.equal(again.status, 200);
  const results = (again.json() as { results: { result: string }[] }).results.map((r) => r.result);
  assert.deepEqual(new Set(results), new Set(['duplicate']));
  assert.equal(await platform.admin.applicationCount({ divisionCode: village.divisionCode }), 12);
  const [changes] = await platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM changes WHERE kind = 'application.received'`);
  assert.equal(changes!.n, 12, 'no second arrival down the feed');
});
