import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { countBlobsToUpload, countPending } from '../../db';
import type { RunningPlatform } from '../../platform/index';
import { enrolledTownship, syncOk } from '../helpers/review';
import { enrolledStation, startTestPlatform, type SyncTestStation } from '../helpers/sync';
import { exportToStick, importFromStick, readFromTerminal, takeApplications } from '../helpers/transfer';

/**
 * Issue #16 part 1, the must-show: a village offline for "three weeks" takes 3,000 applications with scans; its
 * outbox reaches the platform on a stick in three trips (one file imported twice, one relayed by the township),
 * decisions come back on sticks in the wrong order, then the network returns and the rest syncs: every
 * application on the platform exactly once, every decision applied once, nothing pending.
 */

const TRIP = Number(process.env.DAIBAN_TRANSFER_TRIP ?? 1000);

let platform: RunningPlatform;
let village: SyncTestStation;
let township: SyncTestStation;
let work = '';

before(async () => {
  platform = await startTestPlatform();
  village = await enrolledStation(platform);
  township = await enrolledTownship(platform);
  work = village.dataDir;
});

after(async () => {
  for (const s of [village, township]) await s?.cleanup();
  await platform?.close();
});

const decisionEvents = (s: SyncTestStation) =>
  (
    s.station.ctx.db
      .prepare(`SELECT count(*) AS n FROM application_events WHERE type IN ('approve', 'publicize', 'refer', 'reject', 'request_supplement')`)
      .get() as { n: number }
  ).n;

test(
  `three weeks offline: ${3 * TRIP} applications with scans go up on sticks in three trips and decisions come back, then the network takes the rest`,
  { timeout: 900_000 },
  async () => {
    const v = village.station;
    const timings: Record<string, number> = {};
    const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      const start = performance.now();
      try {
        return await fn();
      } finally {
        timings[name] = Math.round(performance.now() - start);
      }
    };

    // Trip 1: the first week's applications; the stick is imported at the county twice (someone tried again).
    const first = await takeApplications(v, 1, TRIP);
    const e1 = await timed('export1Ms', () => exportToStick(v));
    assert.equal(e1.messages, 2 * TRIP, 'each application and its new resident');
    assert.equal(e1.scans, TRIP);
    const file1 = join(work, 'stick-1.daiban');
    writeFileSync(file1, e1.bytes);
    const r1 = await timed('import1Ms', () => platform.admin.importTransfer(file1));
    assert.deepEqual(r1.tally, { accepted: 2 * TRIP, duplicate: 0, conflict: 0, invalid: 0 });
    const r1again = await platform.admin.importTransfer(file1);
    assert.deepEqual(r1again.tally, { accepted: 0, duplicate: 2 * TRIP, conflict: 0, invalid: 0 }, 'the same stick twice: duplicates, nothing doubled');
    assert.equal(await platform.admin.applicationCount(), TRIP);

    // Trip 2: the stick came back empty-handed (its return file left at the county); two weeks of work go to the
    // township, which relays them while online. The township reviews what it can see and decides.
    const second = await takeApplications(v, TRIP + 1, 2 * TRIP);
    const e2 = await exportToStick(v);
    assert.equal(e2.messages, 4 * TRIP, 'nothing settled yet: the first week goes again');
    const relayed = await timed('relayMs', () => importFromStick(township.station, e2.bytes, e2.fileName));
    assert.equal(relayed.kind, 'relay');
    assert.deepEqual([relayed.accepted, relayed.duplicate, relayed.invalid], [2 * TRIP, 2 * TRIP, 0]);
    assert.match(relayed.returnFileName!, /^daiban-return-360781102201-/);
    assert.equal(await platform.admin.applicationCount(), 2 * TRIP);
    await syncOk(township);
    const decided = [...first.slice(0, 20), ...second.slice(0, 20)];
    for (const id of decided) await township.station.call('review.decide', { applicationId: id, decision: 'approve' });
    await syncOk(township);

    // The return files come back out of order: the relayed one first, then the county's (twice over).
    const r2 = await readFromTerminal(township.station, relayed.returnFileName!);
    const back2 = await timed('returnImport2Ms', () => importFromStick(v, r2));
    assert.equal(back2.accepted + back2.duplicate, 4 * TRIP);
    assert.equal(countPending(v.ctx.db), 0, 'everything taken so far is settled');
    assert.equal(decisionEvents(village), 0, 'the relay answered before the township decided');
    const back1 = await importFromStick(v, r1.returnFile);
    assert.deepEqual([back1.accepted, back1.duplicate, back1.changes], [0, 0, 0], 'an older trip changes nothing');
    await importFromStick(v, r1again.returnFile);
    await assert.rejects(importFromStick(v, r2), (e: { code?: string; details?: { reason?: string }; message: string }) => {
      assert.match(e.message, /已于 .* 导入过，不再重复导入/);
      return e.code === 'TRANSFER_REFUSED' && e.details?.reason === 'replayed';
    });

    // Trip 3, and then the line is mended: the network takes over where the sticks left off.
    await takeApplications(v, 2 * TRIP + 1, 3 * TRIP);
    const e3 = await exportToStick(v);
    assert.equal(e3.messages, 2 * TRIP);
    const file3 = join(work, 'stick-3.daiban');
    writeFileSync(file3, e3.bytes);
    const r3 = await platform.admin.importTransfer(file3);
    const back3 = await importFromStick(v, r3.returnFile);
    assert.equal(back3.accepted, 2 * TRIP);
    assert.equal(decisionEvents(village), decided.length, 'the decisions came back on the third stick, once each');
    for (const id of decided) assert.notEqual((await v.call('applications.get', { id })).status, 'sent');
    await takeApplications(v, 3 * TRIP + 1, 3 * TRIP + 5);
    await syncOk(village);
    assert.equal(countPending(v.ctx.db), 0);
    assert.equal(countBlobsToUpload(v.ctx.db), 0, 'no scan waits: the sticks carried them');
    assert.equal(await platform.admin.applicationCount(), 3 * TRIP + 5, 'every application on the platform exactly once');
    assert.equal(decisionEvents(village), decided.length);
    const local = v.ctx.db.prepare(`SELECT count(*) AS n FROM applications WHERE status = 'sent'`).get() as { n: number };
    assert.equal(local.n, 3 * TRIP + 5 - decided.length, 'the rest acknowledged as sent');
    console.log(
      `# transfer: ${TRIP} applications with scans per trip; file 1 ${(e1.bytes.length / 1e6).toFixed(1)} MB, file 2 ${(e2.bytes.length / 1e6).toFixed(1)} MB; ${JSON.stringify(timings)}`,
    );
  },
);
