import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { RunningPlatform } from '../../platform';
import {
  decidedBody,
  enrollTerminal,
  outboxBatch,
  outboxMessage,
  platformForSuite,
  submittedBody,
  type PlatformBackend,
  type TestTerminal,
} from '../helpers/platform';

/**
 * The notice's end against a decision at the same moment (issue #15): the sweep and an objection upheld
 * (the township's 不予通过) race for the same applications, on PGlite and on PostgreSQL. Whichever takes the
 * application's row first wins; the other finds it moved. Never both, never neither, never a 500.
 */

const VILLAGE = '360781102201';
// Below the platform's 8 outbox batches at once (more are answered 503, as they should be).
const N = 6;

type Result = { result: string; code?: string };

function raceSuite(backend: PlatformBackend) {
  describe(`the notice's end races a rejection on ${backend}`, () => {
    const running = platformForSuite(backend, 'notice_race');
    let platform: RunningPlatform;
    let village: TestTerminal;
    let township: TestTerminal;
    /** One per rejection: a terminal has one outbox batch in flight at a time. */
    const desks: TestTerminal[] = [];

    before(async () => {
      platform = running.platform;
      village = await enrollTerminal(platform, { divisionCode: VILLAGE });
      township = await enrollTerminal(platform, { divisionCode: '360781102', role: 'township' });
      for (let i = 0; i < N; i++) desks.push(await enrollTerminal(platform, { divisionCode: '360781102', role: 'township' }));
    });
    test(`${N} applications whose notice is due, each swept and rejected at once: exactly one of the two, every time`, async () => {
      const apps = Array.from({ length: N }, () => submittedBody(VILLAGE));
      const send = async (t: TestTerminal, messages: ReturnType<typeof outboxMessage>[]) => {
        const reply = await t.request('POST', '/v1/outbox', { json: outboxBatch(messages) });
        assert.equal(reply.status, 200, reply.bytes.toString());
        return reply.json<{ results: Result[] }>().results;
      };
      await send(
        village,
        apps.map((a) => outboxMessage('application.submitted', a)),
      );
      const passed = await send(
        township,
        apps.map((a) => outboxMessage('review.decided', decidedBody(VILLAGE, a.applicationId, 'approve'))),
      );
      assert.deepEqual(
        passed.map((r) => r.result),
        apps.map(() => 'accepted'),
      );
      await platform.db.query(`UPDATE notice_periods SET ends_at = now() - interval '1 second'`);

      // One batch per application from its own terminal, so each rejection is its own transaction racing the sweep's.
      const [swept, ...rejections] = await Promise.all([
        platform.admin.sweepNotices(),
        ...apps.map((a, i) =>
          send(desks[i]!, [outboxMessage('review.decided', decidedBody(VILLAGE, a.applicationId, 'reject', { reason: '公示期间有异议，经核实不符合条件' }))]),
        ),
      ]);
      // What the sweep skipped while a rejection held the row, the next sweep finishes.
      const later = await platform.admin.sweepNotices();

      let ended = 0;
      for (const [i, a] of apps.entries()) {
        const r = rejections[i]![0]!;
        const status = (await platform.admin.getApplication(a.applicationId))?.status;
        const [notice] = await platform.db.query<{ state: string }>('SELECT state FROM notice_periods WHERE application_id = $1', [a.applicationId]);
        if (r.result === 'accepted') {
          assert.equal(status, 'rejected');
          assert.equal(notice?.state, 'stopped');
        } else {
          assert.deepEqual([r.result, r.code], ['invalid', 'FORBIDDEN'], JSON.stringify(r));
          assert.equal(status, 'county_review');
          assert.equal(notice?.state, 'ended');
          ended++;
        }
      }
      assert.equal(swept + later, ended, 'every notice the sweep ended is one whose rejection was refused');
      assert.equal(await platform.admin.sweepNotices(), 0);
    });
  });
}

raceSuite('pglite');
raceSuite('postgres');
