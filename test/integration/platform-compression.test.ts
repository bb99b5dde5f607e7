import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enrollTerminal, outboxBatch, outboxMessage, submittedBody } from '../helpers/platform';
import { startTestPlatform } from '../helpers/sync';

/**
 * Issue #18, no redundant bytes on the wire: answers go gzipped to a terminal that accepts it (the
 * acknowledgements, the change pages), small ones and byte ranges as they are. A signed request body is
 * never unzipped on the way in (its signature covers it as sent).
 */
test('acknowledgements and change pages come gzipped; a small answer does not; signed gzip bodies still verify', async () => {
  const platform = await startTestPlatform();
  try {
    const village = await enrollTerminal(platform, { divisionCode: '360781102201' });
    const township = await enrollTerminal(platform, { divisionCode: '360781102', role: 'township' });
    const apps = Array.from({ length: 40 }, () => submittedBody('360781102201'));
    const acked = await village.request('POST', '/v1/outbox', {
      json: outboxBatch(apps.map((a) => outboxMessage('application.submitted', a))),
      gzip: true,
    });
    assert.equal(acked.status, 200);
    assert.equal(acked.headers.get('content-encoding'), 'gzip', 'forty acknowledgements');
    assert.equal(acked.json<{ results: { result: string }[] }>().results.filter((r) => r.result === 'accepted').length, 40);
    const page = await township.request('GET', '/v1/changes');
    assert.equal(page.headers.get('content-encoding'), 'gzip');
    assert.ok(page.json<{ changes: unknown[] }>().changes.length >= 40);
    const caughtUp = await village.request('GET', `/v1/changes?after=${page.json<{ cursor: string }>().cursor}`);
    assert.equal(caughtUp.headers.get('content-encoding'), null, 'an empty page is too small to bother');
  } finally {
    await platform.close();
  }
});
