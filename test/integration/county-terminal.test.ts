import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedDivisions } from '../../core/divisions/seed';
import type { RunningPlatform } from '../../platform/index';
import { sealedReceiptCode } from '../../station/receipt-codes/seal';
import { enrollTerminal, outboxBatch, outboxMessage, submittedBody, decidedBody } from '../helpers/platform';
import { refused } from '../helpers/refusals';
import { enrolledCounty, enrolledTownship, syncOk } from '../helpers/review';
import { enrolledStation, freshStation, issueCode, startTestPlatform, submitApplication, type SyncTestStation } from '../helpers/sync';

/**
 * Issue #15, the county view: a county terminal keeps the replica of every village below it, across its
 * townships, and shows the worklist, batches, statistics and the ledger with names; it decides only at the
 * county's own step (县级审批, test/integration/multi-level-review.test.ts): before it, the station and the
 * platform both refuse.
 */

let platform: RunningPlatform;
let village: SyncTestStation;
let otherVillage: SyncTestStation;
let township: SyncTestStation;
let county: SyncTestStation;

before(async () => {
  platform = await startTestPlatform();
  await platform.admin.loadDivisions([...seedDivisions(), { code: '360781103201', name: '九堡村', level: 'village', parent: '360781103000' }]);
  await platform.admin.createAccount({ username: 'cadre09', displayName: '钟晓燕', password: 'Daiban2026', role: 'cadre', divisionCode: '360781103201' });
  village = await enrolledStation(platform);
  otherVillage = freshStation();
  await otherVillage.station.call('sync.enroll', { platformUrl: platform.url, code: await issueCode(platform, '360781103201') });
  await otherVillage.station.call('session.login', { username: 'cadre09', password: 'Daiban2026' });
  township = await enrolledTownship(platform);
  county = await enrolledCounty(platform);
});
after(async () => {
  for (const s of [village, otherVillage, township, county]) await s?.cleanup();
  await platform?.close();
});

test('the county sees both townships’ villages by name, their batches, statistics and ledger, and checks their receipts', async () => {
  const a = await submitApplication(village.station, 401);
  const b = await submitApplication(otherVillage.station, 402);
  await syncOk(village);
  await syncOk(otherVillage);
  await syncOk(county);
  const c = county.station;
  assert.equal(c.sync.status().role, 'county');
  const list = await c.call('review.list', {});
  assert.deepEqual(
    list.items.map((i) => [i.id, i.villageName]).sort(),
    [
      [a.id, '华屋村'],
      [b.id, '九堡村'],
    ].sort(),
  );
  assert.equal((await c.call('review.batches', {})).length, 2);
  const report = await c.call('stats.report', {});
  assert.deepEqual(report.byVillage.map((v) => v.villageName).sort(), ['九堡村', '华屋村'].sort());
  assert.equal((await c.call('stats.exportLedger', {})).fileName.endsWith('.xlsx'), true);
  // Receipts of either township's villages verify here: the keys went up to the county too.
  for (const [s, app] of [
    [village, a],
    [otherVillage, b],
  ] as const) {
    const detail = await s.station.call('applications.get', { id: app.id });
    const resident = await s.station.call('residents.get', { id: detail.residentId });
    const code = sealedReceiptCode(s.station.ctx, { receiptNo: app.receiptNo!, itemCode: app.itemCode }, resident.idNumber);
    assert.equal((await c.call('receipts.verify', { scanned: code })).verdict, 'genuine', app.receiptNo!);
  }
  assert.equal((await platform.fleet()).terminals.find((t) => t.role === 'county')?.divisionName, '瑞金市');
});

test('county IT staff see the county’s statistics on the county terminal, without the residents behind them', async () => {
  const c = county.station;
  await platform.admin.createAccount({ username: 'yunwei09', displayName: '刘志强', password: 'Yunwei2026', role: 'it', divisionCode: '360781' });
  await c.call('session.logout', {});
  try {
    await c.call('session.login', { username: 'yunwei09', password: 'Yunwei2026', itStaff: true });
    // One of them long overdue, so the overdue list has a resident to hide.
    c.ctx.db.prepare(`UPDATE review_applications SET due_date = '2026-01-05' WHERE id = (SELECT id FROM review_applications LIMIT 1)`).run();
    const report = await c.call('stats.report', {});
    assert.deepEqual(report.byVillage.map((v) => v.villageName).sort(), ['九堡村', '华屋村'].sort());
    assert.ok(report.total >= 2);
    assert.equal(report.overdue.length, 1);
    assert.match(report.overdue[0]!.residentName, /^王\*+$/u, 'an overdue resident is masked for IT');
    for (const call of [c.call('stats.exportLedger', {}), c.call('stats.renderLedger', {})]) {
      assert.match((await refused(call, 'FORBIDDEN')).message, /^此操作只有代办员或管理员或审核员可以进行/);
    }
  } finally {
    await c.call('session.logout', {});
    await c.call('session.login', { username: 'xianji01', password: 'Xianji2026' });
  }
});

test('a county terminal decides nothing before its step, nor confirms paper: the station and the platform refuse, in Chinese', async () => {
  const c = county.station;
  const a = (await c.call('review.list', {})).items[0]!;
  const decided = await refused(c.call('review.decide', { applicationId: a.id, decision: 'approve' }), 'FORBIDDEN');
  assert.match(decided.message, /还在乡镇审核，县级暂不能审批/);
  assert.equal((await c.call('review.decideMany', { applicationIds: [a.id], decision: 'approve' })).refused.length, 1);
  await refused(c.call('review.undo', { applicationId: a.id }), 'ILLEGAL_TRANSITION');
  await refused(c.call('handover.confirm', { listId: '01937a4e-0000-7000-8000-000000000009', missing: [] }), 'FORBIDDEN');

  // The platform holds the same line for a terminal that skips its own station's checks.
  const rawCounty = await enrollTerminal(platform, { divisionCode: '360781', role: 'county' });
  const rawVillage = await enrollTerminal(platform, { divisionCode: '360781102202' });
  const submitted = submittedBody('360781102202');
  const accepted = await rawVillage.request('POST', '/v1/outbox', { json: outboxBatch([outboxMessage('application.submitted', submitted)]) });
  assert.equal(accepted.status, 200);
  const reply = await rawCounty.request('POST', '/v1/outbox', {
    json: outboxBatch([
      outboxMessage('review.decided', decidedBody('360781102202', submitted.applicationId, 'approve')),
      outboxMessage('application.submitted', submittedBody('360781102202')),
    ]),
  });
  const results = reply.json<{ results: { result: string; code?: string; reason?: string }[] }>().results;
  assert.deepEqual(
    results.map((r) => [r.result, r.code]),
    [
      ['invalid', 'FORBIDDEN'],
      ['invalid', 'FORBIDDEN'],
    ],
  );
  assert.match(results[0]!.reason ?? '', /还在乡镇审核，县级暂不能审批/);
  assert.match(results[1]!.reason ?? '', /县级终端不受理申请/);
  await assert.rejects(
    platform.admin.issueEnrollmentCode({ divisionCode: '360781102', role: 'county', servicePointName: '错误的县级终端' }),
    /县级终端需要县级区划代码/,
  );
});
