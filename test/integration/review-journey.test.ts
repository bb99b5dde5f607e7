import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DecisionView } from '../../core/api/views';
import { verifyAuditChain } from '../../db';
import type { RunningPlatform } from '../../platform/index';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { allMaterials, validValues } from '../helpers/forms';
import { enrolledTownship } from '../helpers/review';
import { enrolledStation, noisyScan, startTestPlatform, submitApplication, type SyncTestStation } from '../helpers/sync';
import { pdfText } from '../helpers/pdf-text';
import { requireTools } from '../helpers/system-tools';

/**
 * Issue #5's journey against a real platform: a village terminal and a township terminal, the township's
 * own link cut while it decides. Each sync is run by hand (`syncNow`), so the order of events is the test's.
 */

let platform: RunningPlatform;
let proxy: FaultProxy;
let village: SyncTestStation;
let township: SyncTestStation;
const SYNC = { requestTimeoutMs: 3_000 };

before(async () => {
  platform = await startTestPlatform({ delegated: true });
  proxy = await startFaultProxy({ targetPort: Number(new URL(platform.url).port) });
  village = await enrolledStation(platform, { sync: SYNC });
  township = await enrolledTownship(platform, { platformUrl: proxy.url, sync: SYNC });
});
after(async () => {
  await village?.cleanup();
  await township?.cleanup();
  await proxy?.close();
  await platform?.close();
});

test('village submits two → township reviews offline → decisions arrive → supplement → approval → both completed', async () => {
  const v = village.station;
  const t = township.station;
  assert.equal(t.sync.status().role, 'township');

  // 1. The village takes two applications, one with a scanned page, and syncs.
  const scan = await noisyScan(300, 200);
  const withScan = await submitApplication(v, 1, [scan]);
  const plain = await submitApplication(v, 2);
  const vs = await v.sync.syncNow();
  assert.equal(vs.lastError, null);
  assert.equal(vs.pending, 0);

  // 2. The township's replica has both, in full; the scan is fetched on demand.
  assert.equal((await t.sync.syncNow()).lastError, null);
  const list = await t.call('review.list', {});
  assert.deepEqual(list.items.map((i) => i.receiptNo).sort(), [withScan.receiptNo, plain.receiptNo].sort());
  assert.ok(list.items.every((i) => i.status === 'sent' && i.supplementDue !== null && i.latestDecision === null));
  const detail = await t.call('review.get', { id: withScan.id });
  assert.equal(detail.resident.name, '王兆明');
  assert.equal(detail.attachments.length, 1);
  assert.equal(detail.attachments[0]!.cached, false);
  const sha256 = detail.attachments[0]!.sha256;
  const fetched = await t.call('review.attachment', { applicationId: withScan.id, sha256 });
  assert.ok(Buffer.from(fetched.dataBase64, 'base64').length > 1000);

  // 3. The township's link goes down; the scan still opens, and both decisions are recorded and queued.
  proxy.setFaults({ refuse: true });
  proxy.dropAll();
  const cached = await t.call('review.attachment', { applicationId: withScan.id, sha256 });
  assert.equal(cached.dataBase64, fetched.dataBase64, 'served from the local cache');
  assert.equal((await t.call('review.get', { id: withScan.id })).attachments[0]!.cached, true);
  const approved = await t.call('review.decide', { applicationId: plain.id, decision: 'approve', reason: '符合低保条件' });
  assert.equal(approved.status, 'approved');
  const returned = await t.call('review.decide', {
    applicationId: withScan.id,
    decision: 'request_supplement',
    supplement: {
      items: [
        { kind: 'material', key: 'hukou', label: '户口簿复印件', problem: '缺少户主页' },
        { kind: 'field', key: 'monthlyIncome', label: '家庭月总收入', problem: '与收入证明金额不符' },
      ],
      note: '请一次补齐后交回村代办点',
    },
  });
  assert.equal(returned.status, 'needs_supplement');
  const offline = await t.sync.syncNow();
  assert.ok(offline.lastError, 'the sync failed while the link was down');
  assert.equal(offline.pending, 2, 'both decisions wait in the outbox');
  assert.equal((await t.call('review.get', { id: plain.id })).latestDecision!.synced, false);

  // 4. The link is back: the decisions go up and are final.
  proxy.setFaults({});
  const online = await t.sync.syncNow();
  assert.equal(online.lastError, null);
  assert.equal(online.pending, 0);
  assert.deepEqual(online.problems, []);
  assert.equal((await t.call('review.get', { id: plain.id })).latestDecision!.synced, true);

  // 5. The village hears of both decisions.
  const before = village.events.length;
  assert.equal((await v.sync.syncNow()).lastError, null);
  const gotPlain = await v.call('applications.get', { id: plain.id });
  const gotScan = await v.call('applications.get', { id: withScan.id });
  assert.equal(gotPlain.status, 'approved');
  assert.equal(gotPlain.decision!.reviewerName, '张建国');
  assert.equal(gotPlain.decision!.reason, '符合低保条件');
  assert.equal(gotScan.status, 'needs_supplement');
  assert.equal(gotScan.decision!.supplement!.items.length, 2);
  assert.match(gotScan.events.at(-1)!.note!, /户口簿复印件：缺少户主页/);
  const arrived = village.events.slice(before).filter((e) => e.type === 'decision.arrived') as { applicationId: string; decision: DecisionView }[];
  assert.deepEqual(arrived.map((e) => e.applicationId).sort(), [plain.id, withScan.id].sort());

  // 6. The notices for the resident, read back from the PDFs.
  {
    requireTools('pdftotext');
    const result = await pdfText((await v.call('documents.render', { kind: 'result_notice', id: plain.id })).pdfBase64);
    assert.match(result, /办理结果通知书/);
    assert.match(result, new RegExp(plain.receiptNo!));
    assert.match(result, /予以通过/);
    assert.match(result, /王兆明/);
    const notice = await pdfText((await v.call('documents.render', { kind: 'supplement_notice', id: withScan.id })).pdfBase64);
    assert.match(notice, /一次性告知书/);
    assert.match(notice, /缺少户主页/);
    assert.match(notice, /与收入证明金额不符/);
  }

  // 7. The resident brings the missing page; the cadre records the supplement and it goes back to review.
  const item = await v.call('catalog.get', { code: 'MZ-0001' });
  const page = await noisyScan(240, 160);
  await v.call('attachments.add', { applicationId: withScan.id, fileName: '户主页.png', mimeType: 'image/png', dataBase64: page.toString('base64') });
  const supplemented = await v.call('applications.supplement', {
    id: withScan.id,
    form: { ...validValues(item.form.fields), monthlyIncome: 750 },
    materials: allMaterials(item),
    note: '已补交户主页',
  });
  assert.equal(supplemented.status, 'supplemented');
  const vs2 = await v.sync.syncNow();
  assert.equal(vs2.lastError, null);
  assert.equal(vs2.pending, 0);
  assert.equal(vs2.pendingBlobs, 0, 'the new scan went up with the supplement');
  assert.deepEqual(vs2.problems, []);

  assert.equal((await t.sync.syncNow()).lastError, null);
  const again = await t.call('review.get', { id: withScan.id });
  assert.equal(again.status, 'supplemented');
  assert.equal(again.attachments.length, 2);
  assert.ok(again.events.some((e) => e.type === 'supplemented' && e.note === '已补交户主页'));
  // The reviewer sees each asked item's answer and what changed against the version first reviewed.
  assert.deepEqual(
    again.lastSupplement?.responses?.map((r) => [r.key, r.how]),
    [
      ['hukou', 'attached'],
      ['monthlyIncome', 'changed'],
    ],
  );
  assert.deepEqual(again.lastSupplement?.diff.fields, [
    { key: 'monthlyIncome', before: 800.5, after: 750 },
    { key: 'perCapitaIncome', before: 266.83, after: 250 }, // computed from it
  ]);
  assert.deepEqual(
    again.lastSupplement?.diff.scansAdded.map((a) => a.fileName),
    ['户主页.png'],
  );
  assert.equal((await t.call('review.decide', { applicationId: withScan.id, decision: 'approve' })).status, 'approved');
  assert.equal((await t.sync.syncNow()).pending, 0);

  // 8. The village tells both residents and closes both applications.
  await v.sync.syncNow();
  assert.equal((await v.call('applications.get', { id: withScan.id })).status, 'approved');
  for (const id of [plain.id, withScan.id]) assert.equal((await v.call('applications.complete', { id })).status, 'completed');
  const vs3 = await v.sync.syncNow();
  assert.equal(vs3.pending, 0);
  assert.deepEqual(vs3.problems, []);
  for (const id of [plain.id, withScan.id]) assert.equal((await platform.admin.getApplication(id))!.status, 'completed');
  assert.equal(verifyAuditChain(v.ctx.db).ok, true);
  assert.equal(verifyAuditChain(t.ctx.db).ok, true);
});

test('handover: the village lists the paper, the township confirms through the platform, the village sees it', async () => {
  const v = village.station;
  const t = township.station;
  const a = await submitApplication(v, 3);
  await v.sync.syncNow();
  const list = await v.call('handover.create', {});
  assert.ok(list.applications.some((x) => x.applicationId === a.id));
  assert.equal((await v.sync.syncNow()).pending, 0);
  assert.equal((await v.call('handover.list', {}))[0]!.synced, true);

  await t.sync.syncNow();
  const there = (await t.call('handover.list', {})).find((l) => l.id === list.id);
  assert.ok(there, 'the list reached the township');
  const entry = there.applications.find((x) => x.applicationId === a.id)!;
  const confirmed = await t.call('handover.confirm', {
    listId: list.id,
    missing: [{ applicationId: a.id, materialKey: entry.materials[0]!.key, note: '未见原件' }],
  });
  assert.equal(confirmed.synced, false);
  const ts = await t.sync.syncNow();
  assert.equal(ts.pending, 0);
  assert.deepEqual(ts.problems, []);

  await v.sync.syncNow();
  const back = (await v.call('handover.list', {})).find((l) => l.id === list.id)!;
  assert.equal(back.confirmedByName, '张建国');
  assert.equal(back.missing.length, 1);
  assert.equal(back.missing[0]!.note, '未见原件');
});

test('a decision on an application the village withdrew meanwhile is refused by the platform and shown as a problem', async () => {
  const v = village.station;
  const t = township.station;
  const a = await submitApplication(v, 4);
  await v.sync.syncNow();
  await t.sync.syncNow();
  assert.equal((await t.call('review.get', { id: a.id })).status, 'sent');

  await v.call('applications.withdraw', { id: a.id, reason: '申请人已迁出本村' });
  assert.equal((await v.sync.syncNow()).pending, 0);

  // The township has not heard of the withdrawal; its decision goes up before the feed comes down.
  await t.call('review.decide', { applicationId: a.id, decision: 'approve' });
  const status = await t.sync.syncNow();
  assert.equal(status.pending, 0);
  const problem = status.problems.find((p) => p.applicationId === a.id);
  assert.ok(problem, 'the refusal is on the reviewer’s problem list');
  assert.equal(problem.kind, 'review.decided');
  assert.equal(problem.receiptNo, a.receiptNo);
  assert.match(problem.reason, /[\u4e00-\u9fff]/);
  const detail = await t.call('review.get', { id: a.id });
  assert.equal(detail.status, 'withdrawn', 'the replica shows what the platform holds, not the refused decision');
  assert.equal(detail.latestDecision, null);
  assert.ok(detail.events.some((e) => e.type === 'decision_refused'));
  assert.equal((await platform.admin.getApplication(a.id))!.status, 'withdrawn');
});
