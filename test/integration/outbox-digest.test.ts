import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { HEADERS, PLATFORM_FEATURES } from '../../core/sync/protocol';
import type { RunningPlatform } from '../../platform/index';
import { outboxBatch, outboxMessage, enrollTerminal, sha256Hex, submittedBody } from '../helpers/platform';
import { enrolledStation, startTestPlatform, submitApplication } from '../helpers/sync';

/**
 * Issue #18, no redundant bytes on the wire: a platform that says `outbox-digest-optional` gets outbox messages
 * without their SHA-256 (the signed batch digest covers the bytes; the platform hashes each message itself), and
 * tells a resend from a rewritten message as before. A terminal never assumes it: an older platform gets the hash.
 */

let platform: RunningPlatform;
before(async () => {
  platform = await startTestPlatform();
});
after(() => platform.close());

/** Records whether each outbox message went up with its hash; `older` hides the feature as a platform before it would. */
function watchingFetch(o: { older: boolean }) {
  const sent: boolean[] = [];
  const f: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith('/v1/outbox') && init?.body instanceof Uint8Array) {
      const batch = JSON.parse(gunzipSync(init.body).toString('utf8')) as { messages: { sha256?: string }[] };
      sent.push(...batch.messages.map((m) => typeof m.sha256 === 'string'));
    }
    const res = await fetch(input, init);
    if (!o.older || !url.endsWith('/v1/health')) return res;
    const headers = new Headers(res.headers);
    headers.delete(HEADERS.features);
    return new Response(null, { status: res.status, headers });
  };
  return { fetch: f, sent };
}

test('the platform names the feature; a terminal leaves the hash out only where it is named', async () => {
  const health = await fetch(`${platform.url}/v1/health`);
  assert.equal(health.headers.get(HEADERS.features), PLATFORM_FEATURES.outboxDigestOptional);

  for (const older of [false, true]) {
    const watch = watchingFetch({ older });
    const t = await enrolledStation(platform, { sync: { fetch: watch.fetch } });
    const app = await submitApplication(t.station, older ? 72 : 71);
    assert.equal((await t.station.call('sync.now', {})).lastError, null);
    assert.equal((await t.station.call('applications.get', { id: app.id })).status, 'sent');
    assert.ok(watch.sent.length >= 1);
    assert.ok(
      watch.sent.every((withHash) => withHash === older),
      older ? 'an older platform gets every hash' : 'no hash where the platform computes it',
    );
    await t.cleanup();
  }
});

test('without hashes: a resend is a duplicate, another text under the same id a conflict; a wrong hash is still refused', async () => {
  const t = await enrollTerminal(platform, { divisionCode: '360781102201' });
  const body = submittedBody(t.divisionCode);
  const { sha256: _omitted, ...bare } = outboxMessage('application.submitted', body);
  const post = async (messages: object[]) => {
    const r = await t.request('POST', '/v1/outbox', { json: { ...outboxBatch([]), messages } });
    assert.equal(r.status, 200, r.bytes.toString());
    return (r.json() as { results: { result: string; code?: string }[] }).results.map((x) => x.result + (x.code ? `:${x.code}` : ''));
  };
  assert.deepEqual(await post([bare]), ['accepted']);
  const rewritten = { ...bare, body: JSON.stringify({ ...body, receiptNo: 'REWRITTEN-01' }) };
  assert.deepEqual(await post([bare, { ...bare, sha256: sha256Hex(bare.body) }, rewritten, { ...bare, sha256: sha256Hex('other') }]), [
    'duplicate',
    'duplicate',
    'conflict',
    'invalid:HASH_MISMATCH',
  ]);
  assert.equal((await platform.admin.listConflicts()).length, 1);
});
