import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { undo } from '../../station/review/undo';
import { refused } from '../helpers/refusals';
import { syncOk, villageAndTownship, type VillageAndTownship } from '../helpers/review';
import { submitApplication, type SyncTestStation } from '../helpers/sync';

/**
 * Issue #15, batches: the township sees what a village sent together (its handover list, or a day's arrivals
 * on no list) and decides a whole batch at once; each application gets its own decision, and one that cannot
 * be decided is reported without stopping the others.
 */

let village: SyncTestStation;
let township: SyncTestStation;
let fleet: VillageAndTownship | undefined;

before(async () => {
  fleet = await villageAndTownship({ divisions: true, delegated: true });
  ({ village, township } = fleet);
});
after(async () => {
  await fleet?.close();
});

test('a handover list of ten is one batch; approving it decides nine and reports the one withdrawn meanwhile', async () => {
  const v = village.station;
  const t = township.station;
  const apps = [];
  for (let i = 0; i < 10; i++) apps.push(await submitApplication(v, 70 + i));
  await syncOk(village); // a list holds what the platform has
  const list = await v.call('handover.create', {});
  assert.equal(list.applications.length, 10);
  const loose = await submitApplication(v, 80); // after the list: on no list
  await syncOk(village);
  await syncOk(township);

  const batches = await t.call('review.batches', {});
  const listBatch = batches.find((b) => b.id === `list:${list.id}`)!;
  assert.deepEqual(
    [listBatch.kind, listBatch.label, listBatch.villageName, listBatch.total, listBatch.open],
    ['list', `交接清单 ${list.listNo}`, '华屋村', 10, 10],
  );
  const dayBatch = batches.find((b) => b.kind === 'day')!;
  assert.deepEqual([dayBatch.total, dayBatch.open], [1, 1]);
  assert.match(dayBatch.label, /同步（无交接清单）$/);

  const inList = await t.call('review.list', { batch: listBatch.id, limit: 200 });
  assert.deepEqual(inList.items.map((i) => i.id).sort(), apps.map((a) => a.id).sort());
  assert.ok(inList.items.every((i) => i.batch.id === listBatch.id && i.batch.label === listBatch.label));
  assert.deepEqual(
    (await t.call('review.list', { batch: dayBatch.id })).items.map((i) => i.id),
    [loose.id],
  );

  // The village withdraws one; the township syncs before it decides.
  await v.call('applications.withdraw', { id: apps[3]!.id, reason: '申请人已迁出本村' });
  await syncOk(village);
  await syncOk(township);
  // The reviewer's history of it says why.
  const withdrawnEvent = (await t.call('review.get', { id: apps[3]!.id })).events.find((e) => e.type === 'withdrawn');
  assert.equal(withdrawnEvent?.note, '申请人已迁出本村');

  const result = await t.call('review.decideMany', { applicationIds: inList.items.map((i) => i.id), decision: 'approve', reason: '材料齐全' });
  assert.equal(result.decided.length, 9);
  assert.ok(result.decided.every((d) => d.status === 'approved'));
  assert.equal(result.refused.length, 1);
  assert.equal(result.refused[0]!.id, apps[3]!.id);
  assert.equal(result.refused[0]!.residentName, '王兆明');
  assert.match(result.refused[0]!.reason, /撤回/);

  // Deciding the same batch again decides nothing twice: every one is reported, nothing new is queued.
  const again = await t.call('review.decideMany', { applicationIds: inList.items.map((i) => i.id), decision: 'approve' });
  assert.deepEqual([again.decided.length, again.refused.length], [0, 10]);

  await syncOk(township);
  await syncOk(village);
  const statuses = await Promise.all(apps.map(async (a) => (await v.call('applications.get', { id: a.id })).status));
  assert.deepEqual(
    statuses,
    apps.map((_, i) => (i === 3 ? 'withdrawn' : 'approved')),
  );
  const approved = await v.call('applications.get', { id: apps[0]!.id });
  assert.equal(approved.decision?.reason, '材料齐全', 'each decision carries the comment');
  assert.equal((await t.call('review.batches', {})).find((b) => b.id === listBatch.id)!.open, 0);
});

test('a batch decision refuses what is not one, in Chinese, and a stranger id is reported, not fatal', async () => {
  const t = township.station;
  const a = await submitApplication(village.station, 90);
  await syncOk(village);
  await syncOk(township);
  await refused(t.call('review.decideMany', { applicationIds: [], decision: 'approve' }), 'INVALID_INPUT');
  await refused(t.call('review.decideMany', { applicationIds: [a.id, a.id], decision: 'approve' }), 'INVALID_INPUT');
  await refused(t.call('review.decideMany', { applicationIds: Array.from({ length: 201 }, () => uuidv7()), decision: 'approve' }), 'INVALID_INPUT');
  await refused(t.call('review.decideMany', { applicationIds: [a.id], decision: 'reject' }), 'INVALID_INPUT');
  await refused(t.call('review.decideMany', { applicationIds: [a.id], decision: 'request_supplement' } as never), 'INVALID_INPUT');
  for (const batch of ['list:x', 'day:360781102201:2026-02-30', '\u0000', 'day:' + '9'.repeat(70)]) {
    await refused(t.call('review.list', { batch }), 'INVALID_INPUT');
  }
  const stranger = uuidv7();
  const r = await t.call('review.decideMany', { applicationIds: [stranger, a.id], decision: 'reject', reason: '不符合条件' });
  assert.deepEqual(
    r.decided.map((d) => [d.id, d.status]),
    [[a.id, 'rejected']],
  );
  assert.deepEqual([r.refused[0]!.id, r.refused[0]!.receiptNo], [stranger, null]);
  assert.match(r.refused[0]!.reason, /本机没有这件申请/);
  // A village terminal has no worklist to decide from.
  await refused(village.station.call('review.decideMany', { applicationIds: [a.id], decision: 'approve' }), 'FORBIDDEN');
});

test('a decision is taken back only while unsent and no sync runs; the worklist is told when applications arrive', async () => {
  const t = township.station;
  const events: string[] = [];
  const off = t.onEvent((e) => events.push(e.type === 'applications.arrived' ? `arrived:${e.count}` : e.type));
  const a = await submitApplication(village.station, 95);
  await syncOk(village);
  await syncOk(township);
  off();
  assert.ok(
    events.some((e) => e.startsWith('arrived:')),
    events.join(),
  );

  await t.call('review.decide', { applicationId: a.id, decision: 'approve' });
  const pendingBefore = t.sync.status().pending;
  await refused(
    Promise.resolve().then(() => undo(() => true)(t.ctx, { applicationId: a.id })),
    'ILLEGAL_TRANSITION',
  );
  const back = await t.call('review.undo', { applicationId: a.id });
  assert.deepEqual([back.status, back.latestDecision], ['sent', null]);
  assert.equal(t.sync.status().pending, pendingBefore - 1, 'the message never leaves');
  assert.equal(back.events.at(-1)!.type, 'decision_undone');
  await refused(t.call('review.undo', { applicationId: a.id }), 'ILLEGAL_TRANSITION');

  // Decided again and sent: now it stands.
  await t.call('review.decide', { applicationId: a.id, decision: 'reject', reason: '收入超过标准' });
  await syncOk(township);
  const after = await refused(t.call('review.undo', { applicationId: a.id }), 'ILLEGAL_TRANSITION');
  assert.match(after.message, /已上报/);
  await syncOk(village);
  assert.equal((await village.station.call('applications.get', { id: a.id })).status, 'rejected');
});
