import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApplicationSubmitted, ApplicationSupplemented, HandoverConfirmed, HandoverListed, ReviewDecided } from '../../core/sync/messages';
import { listBlobsToUpload, verifyAuditChain } from '../../db';
import { applyChangesPage } from '../../station/sync/apply-changes';
import { listProblems } from '../../station/sync/status-view';
import { allMaterials, validValues } from '../helpers/forms';
import { refused } from '../helpers/refusals';
import { decidedChange, feed, lastOutbox, localTownship, receivedChange, settleOne, submittedOn } from '../helpers/review';
import { makeStation, manualClock, silentLog } from '../helpers/station';
import { noisyScan } from '../helpers/sync';
import { DELEGATED_CATALOG } from '../helpers/delegated-catalog';

const MONDAY = '2026-11-23T02:00:00.000Z';

test('township replica: worklist with deadlines, decisions offline, a second decision refused, final once synced', async () => {
  const clock = manualClock(MONDAY);
  const village = await makeStation({ clock, catalog: DELEGATED_CATALOG });
  const township = await localTownship({ clock, catalog: DELEGATED_CATALOG });
  const api = township.station;
  try {
    const scan = await noisyScan(200, 150);
    const a = await submittedOn(village.station, [scan]);
    const b = await submittedOn(village.station);
    // A village never keeps a replica, whatever the feed says.
    feed(village.station, [receivedChange(a)]);
    assert.equal((await village.station.call('applications.get', { id: a.applicationId })).status, 'sent');

    feed(api, [receivedChange(a), receivedChange(b)]);
    const page = await api.call('review.list', {});
    assert.deepEqual(
      page.items.map((i) => i.receiptNo),
      [a.receiptNo, b.receiptNo],
      'oldest first',
    );
    const item = page.items[0]!;
    assert.equal(item.villageCode, '360781102201');
    assert.equal(item.itemName, '最低生活保障申请');
    assert.match(item.residentIdMasked, /^360781\*{8}\d{3}[\dX]$/);
    assert.equal(item.dueDate, a.dueDate);
    assert.equal(item.supplementDueDate, '2026-11-30', 'received Monday + 5 working days');
    assert.equal(item.supplementDue, 'ok');
    assert.equal(item.overdue, false);
    const paged = await api.call('review.list', { limit: 1 });
    assert.equal(paged.items.length, 1);
    assert.equal((await api.call('review.list', { limit: 1, before: paged.nextCursor! })).items[0]!.id, b.applicationId);

    clock.set('2026-11-27T02:00:00.000Z'); // Friday: one working day left for the one-time notice
    assert.equal((await api.call('review.list', {})).items[0]!.supplementDue, 'near');
    clock.set('2026-12-01T02:00:00.000Z');
    assert.equal((await api.call('review.list', {})).items[0]!.supplementDue, 'passed');

    const detail = await api.call('review.get', { id: a.applicationId });
    assert.equal(detail.cadreName, '李春梅');
    assert.equal(detail.attachments.length, 1);
    assert.equal(detail.attachments[0]!.cached, false);
    assert.deepEqual(
      detail.events.map((e) => e.type),
      ['received'],
    );
    // Not enrolled, not cached: the reviewer is told to wait for the network.
    const err = await refused(api.call('review.attachment', { applicationId: a.applicationId, sha256: a.attachments[0]!.sha256 }), 'PLATFORM_UNREACHABLE');
    assert.match(err.message, /尚未下载到本机/);

    const noReason = await refused(api.call('review.decide', { applicationId: a.applicationId, decision: 'reject' }), 'INVALID_INPUT');
    assert.match(noReason.details!.fields!.reason!, /理由/);
    await refused(api.call('review.decide', { applicationId: a.applicationId, decision: 'request_supplement' }), 'INVALID_INPUT');

    const approved = await api.call('review.decide', { applicationId: a.applicationId, decision: 'approve' });
    assert.equal(approved.status, 'approved');
    assert.equal(approved.latestDecision!.synced, false);
    assert.equal(approved.latestDecision!.reviewerName, '张建国');
    assert.equal(approved.supplementDueDate, null, 'decided: no notice window');
    const { message, body } = lastOutbox<ReviewDecided>(api, 'review.decided');
    assert.equal(body.decision, 'approve');
    assert.equal(body.divisionCode, '360781102201');
    assert.equal(body.reviewer.name, '张建国');
    await refused(api.call('review.decide', { applicationId: a.applicationId, decision: 'reject', reason: '重复审核' }), 'ILLEGAL_TRANSITION');

    // The platform's older report of the application does not undo a decision waiting in the outbox.
    feed(api, [receivedChange(a, 'under_review')]);
    assert.equal((await api.call('review.get', { id: a.applicationId })).status, 'approved');

    settleOne(api, message, 'accepted');
    assert.equal((await api.call('review.get', { id: a.applicationId })).latestDecision!.synced, true);
    feed(api, [decidedChange(body, 'approved', a.receiptNo)]);
    const after = await api.call('review.get', { id: a.applicationId });
    assert.equal(after.status, 'approved');
    assert.equal(after.decisions.length, 1, 'its own decision coming back is not a second one');
    assert.deepEqual(
      after.events.map((e) => e.type),
      ['received', 'approve', 'status'],
    );
    assert.equal(verifyAuditChain(api.ctx.db).ok, true);
  } finally {
    village.cleanup();
    township.cleanup();
  }
});

test('a decision the platform refuses (withdrawn meanwhile) is undone on the replica and listed as a problem', async () => {
  const clock = manualClock(MONDAY);
  const village = await makeStation({ clock, catalog: DELEGATED_CATALOG });
  const township = await localTownship({ clock, catalog: DELEGATED_CATALOG });
  const api = township.station;
  try {
    const a = await submittedOn(village.station);
    feed(api, [receivedChange(a)]);
    await api.call('review.decide', {
      applicationId: a.applicationId,
      decision: 'request_supplement',
      supplement: { items: [{ kind: 'material', key: 'hukou', label: '户口簿复印件', problem: '缺少户主页' }] },
    });
    assert.equal((await api.call('review.get', { id: a.applicationId })).status, 'needs_supplement');
    feed(api, [receivedChange(a, 'withdrawn')]);
    assert.equal((await api.call('review.get', { id: a.applicationId })).status, 'withdrawn', 'a withdrawal wins over a pending decision');

    const { message } = lastOutbox<ReviewDecided>(api, 'review.decided');
    settleOne(api, message, 'invalid', '这件申请已撤回，不能再审核');
    const detail = await api.call('review.get', { id: a.applicationId });
    assert.equal(detail.status, 'withdrawn');
    assert.equal(detail.latestDecision, null, 'a refused decision does not stand');
    assert.deepEqual(detail.decisions, []);
    assert.equal(detail.events.at(-1)!.type, 'decision_refused');
    assert.match(detail.events.at(-1)!.note!, /已撤回/);
    const problems = listProblems(api.ctx.db);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.kind, 'review.decided');
    assert.equal(problems[0]!.receiptNo, a.receiptNo);
    assert.match(problems[0]!.reason, /已撤回/);
    assert.equal((await api.call('sync.status', {})).problems.length, 1);

    // Refused while the platform still had it open: the replica goes back to the platform's status.
    const b = await submittedOn(village.station);
    feed(api, [receivedChange(b)]);
    await api.call('review.decide', { applicationId: b.applicationId, decision: 'reject', reason: '收入超过低保标准' });
    settleOne(api, lastOutbox<ReviewDecided>(api, 'review.decided').message, 'invalid', '审核权限不符');
    assert.equal((await api.call('review.get', { id: b.applicationId })).status, 'sent');
    // …and can be decided again.
    assert.equal((await api.call('review.decide', { applicationId: b.applicationId, decision: 'approve' })).status, 'approved');
  } finally {
    village.cleanup();
    township.cleanup();
  }
});

test('village: a decision arrives, the cadre records the supplement, approval, completion', async () => {
  const clock = manualClock(MONDAY);
  const village = await makeStation({ clock, catalog: DELEGATED_CATALOG });
  const api = village.station;
  try {
    const scan = await noisyScan(200, 150);
    const a = await submittedOn(api, [scan]);
    const decided: ReviewDecided = {
      decisionId: '01937a4e-0000-7000-8000-000000000001',
      applicationId: a.applicationId,
      divisionCode: a.divisionCode,
      decision: 'request_supplement',
      reason: null,
      supplement: {
        items: [
          { kind: 'material', key: 'hukou', label: '户口簿复印件', problem: '缺少户主页' },
          { kind: 'field', key: 'monthlyIncome', label: '家庭月收入', problem: '与收入证明不符' },
        ],
        note: '请一次补齐',
      },
      reviewer: { id: 'platform-reviewer-1', name: '张建国' },
      decidedAt: '2026-11-24T03:00:00.000Z',
    };
    const at = clock.now().toISOString();
    const effects = applyChangesPage(
      api.ctx.db,
      [
        {
          cursor: '1',
          kind: 'application.decided',
          divisionCode: a.divisionCode,
          body: { ...decided, status: 'needs_supplement', receiptNo: a.receiptNo },
          at,
        },
      ],
      '1',
      at,
      silentLog,
    );
    assert.equal(effects.decisions.length, 1);
    // The same page again (a replay) changes nothing.
    applyChangesPage(
      api.ctx.db,
      [
        {
          cursor: '1',
          kind: 'application.decided',
          divisionCode: a.divisionCode,
          body: { ...decided, status: 'needs_supplement', receiptNo: a.receiptNo },
          at,
        },
      ],
      '1',
      at,
      silentLog,
    );
    const got = await api.call('applications.get', { id: a.applicationId });
    assert.equal(got.status, 'needs_supplement');
    assert.equal(got.decision!.decision, 'request_supplement');
    assert.equal(got.decision!.supplement!.items.length, 2);
    const ev = got.events.at(-1)!;
    assert.equal(ev.type, 'request_supplement');
    assert.equal(ev.actorName, '张建国');
    assert.match(ev.note!, /户口簿复印件：缺少户主页；家庭月收入：与收入证明不符/);
    assert.equal(got.events.filter((e) => e.type === 'request_supplement').length, 1);
    assert.equal((await api.call('applications.list', {})).items[0]!.decision!.id, decided.decisionId);

    // The supplement: form checked like a submission; a new scan rides along.
    const item = await api.call('catalog.get', { code: 'MZ-0001' });
    await refused(api.call('applications.supplement', { id: a.applicationId, form: {}, materials: allMaterials(item) }), 'FORM_INVALID');
    clock.advance(60 * 60_000); // the resident comes back an hour later with the page
    const scan2 = await noisyScan(150, 120);
    await api.call('attachments.add', { applicationId: a.applicationId, fileName: '户主页.png', mimeType: 'image/png', dataBase64: scan2.toString('base64') });
    // Unanswered: the income was not corrected. Each asked item is marked on the form.
    const unanswered = await refused(
      api.call('applications.supplement', { id: a.applicationId, form: validValues(item.form.fields), materials: allMaterials(item) }),
      'FORM_INVALID',
    );
    assert.deepEqual(Object.keys(unanswered.details?.fields ?? {}), ['monthlyIncome']);
    assert.match(unanswered.message, /家庭月收入/);
    const sup = await api.call('applications.supplement', {
      id: a.applicationId,
      form: validValues(item.form.fields),
      materials: allMaterials(item),
      note: '已补户主页',
      unavailable: [{ kind: 'field', key: 'monthlyIncome', note: '收入证明尚未开具，先按申报金额' }],
    });
    assert.equal(sup.status, 'supplemented');
    const { body } = lastOutbox<ApplicationSupplemented>(api, 'application.supplemented');
    assert.equal(body.attachments.length, 2, 'every scan, old and new');
    assert.equal(body.note, '已补户主页');
    assert.deepEqual(
      body.responses?.map((r) => [r.key, r.how, r.note]),
      [
        ['hukou', 'attached', null],
        ['monthlyIncome', 'unavailable', '收入证明尚未开具，先按申报金额'],
      ],
    );
    const wanted = listBlobsToUpload(api.ctx.db).map((b) => b.sha256);
    assert.ok(
      body.attachments.every((x) => wanted.includes(x.sha256)),
      'the supplement waits for its scans',
    );
    await refused(api.call('applications.complete', { id: a.applicationId }), 'ILLEGAL_TRANSITION');

    const approve: ReviewDecided = {
      ...decided,
      decisionId: '01937a4e-0000-7000-8000-000000000002',
      decision: 'approve',
      supplement: null,
      decidedAt: '2026-11-26T03:00:00.000Z',
    };
    applyChangesPage(
      api.ctx.db,
      [{ cursor: '2', kind: 'application.decided', divisionCode: a.divisionCode, body: { ...approve, status: 'approved', receiptNo: a.receiptNo }, at }],
      '2',
      at,
      silentLog,
    );
    const approved = await api.call('applications.get', { id: a.applicationId });
    assert.equal(approved.status, 'approved');
    assert.equal(approved.decision!.decision, 'approve');
    assert.deepEqual(
      approved.events.filter((e) => e.toStatus !== null).map((e) => e.toStatus),
      ['draft', 'queued', 'sent', 'needs_supplement', 'supplemented', 'approved'],
    );
    const done = await api.call('applications.complete', { id: a.applicationId });
    assert.equal(done.status, 'completed');
    assert.equal(lastOutbox<{ applicationId: string }>(api, 'application.completed').body.applicationId, a.applicationId);
    assert.equal(verifyAuditChain(api.ctx.db).ok, true);
  } finally {
    village.cleanup();
  }
});

test('handover: the village lists the paper, the township confirms what arrived, the village sees it', async () => {
  const clock = manualClock(MONDAY);
  const village = await makeStation({ clock, catalog: DELEGATED_CATALOG });
  const township = await localTownship({ clock, catalog: DELEGATED_CATALOG });
  try {
    await refused(village.station.call('handover.create', {}), 'ILLEGAL_TRANSITION');
    const a = await submittedOn(village.station);
    const b = await submittedOn(village.station);
    const list = await village.station.call('handover.create', {});
    assert.match(list.listNo, /^360781102201-20261123-01-01$/);
    assert.equal(list.applications.length, 2);
    assert.equal(list.synced, false);
    assert.ok(list.applications[0]!.materials.length > 0);
    assert.ok(list.applications[0]!.materials.every((m) => m.name && m.count >= 1));
    assert.equal(list.applications[0]!.residentName, '王兆明');
    const again = await refused(village.station.call('handover.create', {}), 'ILLEGAL_TRANSITION');
    assert.match(again.message, /交接清单/);
    const c = await submittedOn(village.station);
    const second = await village.station.call('handover.create', {});
    assert.equal(second.listNo, '360781102201-20261123-01-02');
    assert.deepEqual(
      second.applications.map((x) => x.applicationId),
      [c.applicationId],
    );

    const { body: listed } = lastOutbox<HandoverListed>(village.station, 'handover.listed');
    const first = lastOutbox<HandoverListed>(village.station, 'handover.listed');
    assert.equal(first.body.listNo, second.listNo);
    const firstBody = (village.station.ctx.db.prepare(`SELECT body FROM outbox WHERE kind = 'handover.listed' ORDER BY seq LIMIT 1`).get() as { body: string })
      .body;
    const t = township.station;
    feed(t, [receivedChange(a), receivedChange(b), { kind: 'handover.listed', body: JSON.parse(firstBody) }, { kind: 'handover.listed', body: listed }]);
    const lists = await t.call('handover.list', {});
    assert.equal(lists.length, 2);
    const mine = lists.find((l) => l.listNo === list.listNo)!;
    assert.equal(mine.applications[0]!.itemName, '最低生活保障申请');
    const key = mine.applications[0]!.materials[0]!.key;
    await refused(t.call('handover.confirm', { listId: mine.id, missing: [{ applicationId: a.applicationId, materialKey: 'nonexistent' }] }), 'INVALID_INPUT');
    const confirmed = await t.call('handover.confirm', {
      listId: mine.id,
      missing: [{ applicationId: mine.applications[0]!.applicationId, materialKey: key, note: '未见原件' }],
    });
    assert.equal(confirmed.confirmedByName, '张建国');
    assert.equal(confirmed.synced, false);
    await refused(t.call('handover.confirm', { listId: mine.id }), 'ILLEGAL_TRANSITION');
    await refused(t.call('handover.create', {}), 'FORBIDDEN');

    const { body: conf } = lastOutbox<HandoverConfirmed>(t, 'handover.confirmed');
    assert.equal(conf.divisionCode, '360781102201');
    assert.equal(conf.missing[0]!.note, '未见原件');
    feed(village.station, [
      { kind: 'handover.confirmed', body: conf },
      { kind: 'handover.listed', body: JSON.parse(firstBody) },
    ]);
    const back = (await village.station.call('handover.list', {})).find((l) => l.id === mine.id)!;
    assert.equal(back.confirmedByName, '张建国');
    assert.deepEqual(back.missing, [{ applicationId: mine.applications[0]!.applicationId, materialKey: key, note: '未见原件' }]);
    assert.equal((await village.station.call('handover.list', {})).length, 2, 'the echo of its own list is not a new one');
  } finally {
    village.cleanup();
    township.cleanup();
  }
});

test('stats.report: counts by item, status and village, handling time in working days, overdue — on each side', async () => {
  const clock = manualClock(MONDAY);
  const village = await makeStation({ clock, catalog: DELEGATED_CATALOG });
  const township = await localTownship({ clock, catalog: DELEGATED_CATALOG });
  try {
    const a = await submittedOn(village.station);
    const b = await submittedOn(village.station);
    const decide = (sub: ApplicationSubmitted, decision: ReviewDecided['decision'], decidedAt: string, status: string, id: string) =>
      decidedChange(
        {
          decisionId: id,
          applicationId: sub.applicationId,
          divisionCode: sub.divisionCode,
          decision,
          reason: decision === 'reject' ? '不符合条件' : null,
          supplement: null,
          reviewer: { id: 'r1', name: '张建国' },
          decidedAt,
        },
        status,
        sub.receiptNo,
      );
    // Approved on Thursday: 3 working days after Monday.
    const approval = decide(a, 'approve', '2026-11-26T03:00:00.000Z', 'approved', '01937a4e-0000-7000-8000-0000000000a1');
    feed(village.station, [approval]);
    feed(township.station, [receivedChange(a), receivedChange(b), approval]);

    clock.set('2026-12-30T02:00:00.000Z'); // long after b's due date
    for (const api of [village.station, township.station]) {
      const r = await api.call('stats.report', {});
      assert.equal(r.from, '2026-01-01');
      assert.equal(r.to, '2026-12-30');
      assert.equal(r.total, 2);
      assert.deepEqual(r.byItem, [{ itemCode: 'MZ-0001', itemName: '最低生活保障申请', count: 2 }]);
      assert.deepEqual(r.byStatus, { approved: 1, sent: 1 });
      assert.equal(r.byVillage.length, 1);
      assert.equal(r.byVillage[0]!.villageCode, '360781102201');
      assert.equal(r.avgHandlingWorkingDays, 3);
      assert.deepEqual(
        r.overdue.map((o) => o.receiptNo),
        [b.receiptNo],
      );
      assert.ok(r.overdue[0]!.workingDaysOverdue > 0);
      assert.equal((await api.call('stats.report', { from: '2026-11-24' })).total, 0);
      await refused(api.call('stats.report', { from: '2026-12-31', to: '2026-12-01' }), 'INVALID_INPUT');
    }
    assert.ok((await village.station.call('stats.overview', {})).overdue.length >= 1, 'the overview still works');
  } finally {
    village.cleanup();
    township.cleanup();
  }
});
