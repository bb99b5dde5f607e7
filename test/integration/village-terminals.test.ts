import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { countPending, getSetting } from '../../db';
import type { RunningPlatform } from '../../platform/index';
import { SETTINGS } from '../../station/runtime/settings-keys';
import { allMaterials, validValues } from '../helpers/forms';
import { enrolledTownship, syncOk } from '../helpers/review';
import {
  enrolledStation,
  idNumber,
  issueCode,
  freshStation,
  noisyScan,
  PLATFORM_CADRE,
  startTestPlatform,
  submitApplication,
  type SyncTestStation,
} from '../helpers/sync';
import { lastHeartbeat, villageState } from '../helpers/village-state';

/**
 * Issue #16 parts 2 and 3: several terminals in one village share its residents, households, applications,
 * scans, decisions, handover lists and ratings through the feed (never echoing a terminal's own back), and a
 * PC enrolled to replace a dead one recovers the village from the platform: only what never left the old
 * PC is lost, and the enrollment says how much that was.
 */

let platform: RunningPlatform;
let a: SyncTestStation;
let b: SyncTestStation;
let township: SyncTestStation;

before(async () => {
  platform = await startTestPlatform();
  a = await enrolledStation(platform);
  b = await enrolledStation(platform);
  township = await enrolledTownship(platform);
});

after(async () => {
  for (const s of [a, b, township]) await s?.cleanup();
  await platform?.close();
});

const syncAll = async (...ss: SyncTestStation[]) => {
  for (const s of ss) await syncOk(s);
};

test('two terminals of one village: residents, households, applications with scans, decisions, supplements, handover lists and ratings appear on both', async () => {
  assert.equal(getSetting(a.station.ctx.db, SETTINGS.terminalNo), '1');
  assert.equal(getSetting(b.station.ctx.db, SETTINGS.terminalNo), '2');

  // Terminal 1: a household of two, and an application with a scan.
  const head = await a.station.call('residents.register', { idNumber: idNumber(101), name: '钟福生', phone: '13907970101' });
  const wife = await a.station.call('residents.register', { idNumber: idNumber(102), name: '刘桂英' });
  await a.station.call('households.save', {
    members: [
      { residentId: head.id, relation: '户主' },
      { residentId: wife.id, relation: '配偶' },
    ],
  });
  const scan = await noisyScan(300, 200);
  const fromA = await submitApplication(a.station, 103, [scan]);
  // Terminal 2: its own application; receipt numbers differ by the terminal's number.
  const fromB = await submitApplication(b.station, 104);
  assert.match(fromA.receiptNo!, /-01-\d{4}$/);
  assert.match(fromB.receiptNo!, /-02-\d{4}$/);

  await syncAll(a, b, a);
  // Each sees the other's residents (by ID number), the household, and the application.
  const found = await b.station.call('residents.search', { query: idNumber(101), limit: 5 });
  assert.equal(found.length, 1);
  assert.equal(found[0]!.name, '钟福生');
  assert.equal(found[0]!.phone, '13907970101');
  const household = await b.station.call('households.ofResident', { residentId: found[0]!.id });
  assert.deepEqual(
    household?.members.map((m) => [m.name, m.relation]),
    [
      ['钟福生', '户主'],
      ['刘桂英', '配偶'],
    ],
  );
  const onB = await b.station.call('applications.get', { id: fromA.id });
  assert.equal(onB.receiptNo, fromA.receiptNo);
  assert.equal(onB.status, 'sent');
  assert.equal(onB.residentName, '王兆明');
  assert.match(onB.events[0]!.note ?? '', /本村1号终端受理/);
  const onA = await a.station.call('applications.get', { id: fromB.id });
  assert.equal(onA.receiptNo, fromB.receiptNo);
  // The scan is fetched from the platform the first time it is opened, then kept.
  const read = await b.station.call('attachments.read', { id: onB.attachments[0]!.id });
  const original = (await a.station.call('applications.get', { id: fromA.id })).attachments[0]!;
  assert.equal(Buffer.from(read.dataBase64, 'base64').toString('base64'), (await a.station.call('attachments.read', { id: original.id })).dataBase64);
  assert.ok(b.station.ctx.blobs.has(onB.attachments[0]!.sha256));

  // Nothing came back to the terminal that sent it: each has one row per application and one 'submit' each.
  for (const s of [a, b]) {
    const rows = s.station.ctx.db.prepare(`SELECT count(*) AS n FROM application_events WHERE type = 'submit'`).get() as { n: number };
    assert.equal(rows.n, 2);
  }
  const echoes = await platform.db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM change_audience WHERE audience = '360781102201' AND skip_terminal = $1`,
    [getSetting(a.station.ctx.db, SETTINGS.terminalId)],
  );
  assert.ok(Number(echoes[0]!.n) >= 4, 'what terminal 1 caused is addressed to the village, with terminal 1 stepped over');

  // Terminal 2 lists both applications' paper; terminal 1 then has nothing left to list.
  const list = await b.station.call('handover.create', {});
  assert.deepEqual(list.applications.map((i) => i.receiptNo).sort(), [fromA.receiptNo, fromB.receiptNo].sort());
  await syncAll(b, a);
  await assert.rejects(a.station.call('handover.create', {}), (e: { code?: string }) => e.code === 'ILLEGAL_TRANSITION');
  assert.deepEqual(
    (await a.station.call('handover.list', { limit: 10 })).map((h) => h.listNo),
    [list.listNo],
  );

  // The township decides both; both terminals hear of both decisions.
  await syncOk(township);
  const passed = await township.station.call('review.decide', { applicationId: fromA.id, decision: 'approve' });
  await township.station.call('review.decide', {
    applicationId: fromB.id,
    decision: 'request_supplement',
    supplement: { items: [{ kind: 'field', key: 'monthlyIncome', label: '家庭月总收入', problem: '与收入证明金额不符' }] },
  });
  await syncAll(township, a, b);
  for (const s of [a, b]) {
    assert.equal((await s.station.call('applications.get', { id: fromA.id })).status, passed.status);
    assert.equal((await s.station.call('applications.get', { id: fromB.id })).status, 'needs_supplement');
  }

  // The resident comes back to terminal 1 with the supplement for the application terminal 2 took.
  const item = await a.station.call('catalog.get', { code: 'MZ-0001' });
  await a.station.call('applications.supplement', {
    id: fromB.id,
    form: { ...validValues(item.form.fields), monthlyIncome: 760 },
    materials: allMaterials(item),
    note: '已核对收入证明',
  });
  await syncAll(a, b);
  const supplementedOnB = await b.station.call('applications.get', { id: fromB.id });
  assert.equal(supplementedOnB.status, 'supplemented');
  assert.equal(supplementedOnB.form.monthlyIncome, 760);
  assert.equal(supplementedOnB.events.at(-1)!.note, '已核对收入证明');

  // A rating taken on terminal 1 is on terminal 2, which will not take a second one (一次一评).
  await a.station.call('ratings.submit', { applicationId: fromA.id, stage: 'receipt', level: 5, reasons: [], comment: null });
  await syncAll(a, b);
  assert.equal((await b.station.call('ratings.ofApplication', { applicationId: fromA.id })).length, 1);
  await assert.rejects(
    b.station.call('ratings.submit', { applicationId: fromA.id, stage: 'receipt', level: 1, reasons: [], comment: null }),
    (e: { code?: string }) => e.code === 'ALREADY_RATED',
  );

  // A change to a resident on one terminal reaches the other; the newer edit wins.
  await b.station.call('residents.update', { id: found[0]!.id, phone: '13907970999' });
  await syncAll(b, a);
  assert.equal((await a.station.call('residents.get', { id: head.id })).phone, '13907970999');

  // Between them the two terminals now hold the same village.
  assert.deepEqual(villageState(a.station), villageState(b.station));
});

test('a replacement PC recovers the village: the restored state equals the old one, less what never left it, and the enrollment says how much that was', async () => {
  await syncAll(a, b, township, a);
  const synced = villageState(a.station);
  assert.ok(synced.applications.length >= 2 && synced.residents.length >= 4 && synced.households.length === 1);

  // Terminal 1 takes one more application, cannot send it, is last heard from with it pending, and dies.
  const lost = await submitApplication(a.station, 105);
  assert.ok(countPending(a.station.ctx.db) >= 2, 'its resident and its submission wait');
  await lastHeartbeat(a.station);
  const pendingAtDeath = countPending(a.station.ctx.db);
  await a.cleanup();

  // Its replacement is enrolled for the same village and comes back with everything the platform had.
  const c = freshStation();
  try {
    await c.station.call('sync.enroll', { platformUrl: platform.url, code: await issueCode(platform) });
    const recovery = await c.station.call('sync.recovery', {});
    assert.equal(recovery.applications, synced.applications.length);
    assert.equal(recovery.residents, synced.residents.length);
    const old = recovery.otherTerminals.find((o) => o.terminalNo === 1)!;
    assert.equal(old.queueDepth, pendingAtDeath);
    assert.equal(recovery.otherTerminals.find((o) => o.terminalNo === 2)!.queueDepth, 0);
    assert.equal(getSetting(c.station.ctx.db, SETTINGS.terminalNo), '3', 'a new number: receipts made on the old PC stay unique');

    await c.station.call('session.login', { username: PLATFORM_CADRE.username, password: PLATFORM_CADRE.password });
    const restored = villageState(c.station);
    assert.deepEqual(restored, synced);
    await assert.rejects(c.station.call('applications.get', { id: lost.id }), (e: { code?: string }) => e.code === 'NOT_FOUND');
    // Scans come on demand, and the cadre carries on where the old PC stopped.
    const withScan = restored.applications.find((x) => x.scans)!;
    const detail = await c.station.call('applications.get', { id: withScan.id });
    const page = await c.station.call('attachments.read', { id: detail.attachments[0]!.id });
    assert.ok(Buffer.from(page.dataBase64, 'base64').length > 1000);
    await c.station.call('applications.withdraw', { id: withScan.id, reason: '申请人家庭情况已好转，自愿撤回' });
    await syncAll(c, b);
    const onB = await b.station.call('applications.get', { id: withScan.id });
    assert.equal(onB.status, 'withdrawn');
    // The other PC shows why, when and by whom, as the PC that withdrew it does.
    const withdrawal = onB.events.find((e) => e.type === 'withdraw')!;
    assert.equal(withdrawal.note, '申请人家庭情况已好转，自愿撤回（在本村另一台终端撤回）');
    assert.equal(withdrawal.actorName, (await c.station.call('applications.get', { id: withScan.id })).events.find((e) => e.type === 'withdraw')!.actorName);
  } finally {
    await c.cleanup();
  }
});
