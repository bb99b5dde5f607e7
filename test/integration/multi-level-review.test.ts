import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningPlatform } from '../../platform/index';
import { pdfText } from '../helpers/pdf-text';
import { decidedBody, enrollTerminal, outboxBatch, outboxMessage } from '../helpers/platform';
import { refused } from '../helpers/refusals';
import { feed, syncOk, threeLevels, type ThreeLevels } from '../helpers/review';
import { submitApplication, type SyncTestStation } from '../helpers/sync';
import { requireTools } from '../helpers/system-tools';

/**
 * Issue #15, multi-level review: 最低生活保障 goes 村受理 → 乡镇审核 → 公示7天 → 县级审批 (its catalog levels).
 * The platform decides who may decide at each step, keeps the notice as a timer with its own state and
 * ends it by its clock (moved here only while the sweep runs: the terminals' signed requests keep real time).
 */

let platform: RunningPlatform;
let village: SyncTestStation;
let township: SyncTestStation;
let county: SyncTestStation;
let offsetMs = 0;

let levels: ThreeLevels | undefined;

before(async () => {
  requireTools('pdftotext');
  levels = await threeLevels({ now: () => new Date(Date.now() + offsetMs) });
  ({ platform, village, township, county } = levels);
});
after(() => levels?.close());

const DAY = 86_400_000;

async function noticeRow(applicationId: string) {
  const [row] = await platform.db.query<{ state: string; starts_on: string; ends_on: string }>(
    `SELECT state, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM notice_periods WHERE application_id = $1`,
    [applicationId],
  );
  return row ?? null;
}

/** The sweep as the platform's timer runs it, `days` ahead of now. */
async function sweepAfter(days: number): Promise<number> {
  offsetMs = days * DAY;
  try {
    return await platform.admin.sweepNotices();
  } finally {
    offsetMs = 0;
  }
}

const states = (route: { steps: { step: string; state: string }[] }) => route.steps.map((s) => `${s.step}:${s.state}`).join(' ');

test('低保 across village, township (passes it up), the public notice, the county (approves) and the village (prints the result)', async () => {
  const v = village.station;
  const t = township.station;
  const c = county.station;
  const app = await submitApplication(v, 501);
  await syncOk(village);
  await syncOk(township);
  await syncOk(county);

  // 乡镇审核: the township's approval opens the notice; the county may not decide yet.
  const atTownship = await t.call('review.get', { id: app.id });
  assert.equal(atTownship.approveAction, 'publicize');
  assert.deepEqual(atTownship.mayDecide, ['approve', 'request_supplement', 'reject']);
  assert.equal(states(atTownship.route), 'village:done township:current notice:todo county:todo');
  const early = await refused(c.call('review.decide', { applicationId: app.id, decision: 'approve' }), 'FORBIDDEN');
  assert.match(early.message, /还在乡镇审核/);
  assert.deepEqual((await c.call('review.get', { id: app.id })).mayDecide, []);

  const passed = await t.call('review.decide', { applicationId: app.id, decision: 'approve', reason: '经入户调查，家庭收入符合低保条件' });
  assert.equal(passed.status, 'publicizing');
  await syncOk(township);
  const stored = await platform.admin.getApplication(app.id);
  assert.equal(stored?.status, 'publicizing');
  const notice = await noticeRow(app.id);
  assert.equal(notice?.state, 'running');

  // The village sees the notice running, 7 days from tomorrow; no result notice yet.
  await syncOk(village);
  const atNotice = await v.call('applications.get', { id: app.id });
  assert.equal(atNotice.status, 'publicizing');
  assert.equal(states(atNotice.route), 'village:done township:done notice:current county:todo');
  assert.deepEqual(atNotice.route.notice && { ...atNotice.route.notice }, {
    startsOn: notice!.starts_on,
    endsOn: notice!.ends_on,
    state: 'running',
    daysLeft: 7,
  });
  assert.equal(atNotice.decision?.statusAfter, 'publicizing');
  const tooSoon = await refused(v.call('documents.render', { kind: 'result_notice', id: app.id }), 'ILLEGAL_TRANSITION');
  assert.match(tooSoon.message, /正在公示/);

  // During the notice: the county still may not decide; the township may only stop it (an objection upheld).
  await syncOk(county);
  await refused(c.call('review.decide', { applicationId: app.id, decision: 'approve' }), 'FORBIDDEN');
  assert.deepEqual((await t.call('review.get', { id: app.id })).mayDecide, ['reject']);

  // The timer: nothing ends on its last day; the day after, the application goes up to the county.
  assert.equal(await sweepAfter(6), 0);
  assert.equal((await noticeRow(app.id))?.state, 'running');
  assert.equal(await sweepAfter(8), 1);
  assert.equal(await sweepAfter(9), 0, 'a second sweep finds nothing more');
  assert.equal((await noticeRow(app.id))?.state, 'ended');
  assert.equal((await platform.admin.getApplication(app.id))?.status, 'county_review');

  await syncOk(village);
  const atCounty = await v.call('applications.get', { id: app.id });
  assert.equal(atCounty.status, 'county_review');
  assert.equal(atCounty.route.notice?.state, 'ended');
  assert.equal(states(atCounty.route), 'village:done township:done notice:done county:current');
  assert.ok(atCounty.events.some((e) => e.type === 'notice_ended' && e.toStatus === 'county_review'));
  assert.ok(village.events.some((e) => e.type === 'application.moved' && e.applicationId === app.id));

  // 县级审批: the county's worklist has it to do; it approves; the township can no longer decide.
  await syncOk(county);
  await syncOk(township);
  const todo = await c.call('review.list', { status: ['county_review'] });
  assert.deepEqual(
    todo.items.map((i) => i.id),
    [app.id],
  );
  const countyView = await c.call('review.get', { id: app.id });
  assert.deepEqual(countyView.mayDecide, ['approve', 'reject']);
  assert.equal(countyView.approveAction, 'approve');
  assert.equal(countyView.route.notice?.state, 'ended');
  const late = await refused(t.call('review.decide', { applicationId: app.id, decision: 'reject', reason: '不符合' }), 'FORBIDDEN');
  assert.match(late.message, /县级审批/);
  assert.equal((await c.call('review.decide', { applicationId: app.id, decision: 'approve' })).status, 'approved');
  await syncOk(county);
  assert.equal((await platform.admin.getApplication(app.id))?.status, 'approved');
  assert.deepEqual(
    (await platform.admin.listDecisions(app.id)).map((d) => d.decision),
    ['approve', 'approve'],
  );

  // The village: approved by the county, the result notice names the county body and the notice.
  await syncOk(village);
  const done = await v.call('applications.get', { id: app.id });
  assert.equal(done.status, 'approved');
  assert.equal(done.decision?.step, 'county');
  assert.equal(states(done.route), 'village:done township:done notice:done county:done');
  const text = await pdfText((await v.call('documents.render', { kind: 'result_notice', id: app.id })).pdfBase64);
  assert.match(text, /经叶坪乡人民政府审核并公示，报瑞金市民政部门于\d{4}年\d{1,2}月\d{1,2}日审批，符合规定条件/);
  await syncOk(township);
  assert.equal((await t.call('review.get', { id: app.id })).status, 'approved');
});

test('an objection upheld during the notice, and a withdrawal during it, stop the timer; neither reaches the county', async () => {
  const v = village.station;
  const t = township.station;
  const objected = await submitApplication(v, 502);
  const withdrawn = await submitApplication(v, 503);
  await syncOk(village);
  await syncOk(township);
  for (const a of [objected, withdrawn]) await t.call('review.decide', { applicationId: a.id, decision: 'approve' });
  await syncOk(township);
  await syncOk(village);

  await t.call('review.decide', { applicationId: objected.id, decision: 'reject', reason: '公示期间群众反映其家庭有经营性收入，经核实属实' });
  await v.call('applications.withdraw', { id: withdrawn.id, reason: '申请人外出务工，本人要求撤回' });
  await syncOk(township);
  await syncOk(village);
  assert.equal((await noticeRow(objected.id))?.state, 'stopped');
  assert.equal((await noticeRow(withdrawn.id))?.state, 'stopped');
  assert.equal(await sweepAfter(10), 0);
  assert.equal((await platform.admin.getApplication(objected.id))?.status, 'rejected');
  assert.equal((await platform.admin.getApplication(withdrawn.id))?.status, 'withdrawn');

  const rejected = await v.call('applications.get', { id: objected.id });
  assert.equal(rejected.status, 'rejected');
  assert.equal(states(rejected.route), 'village:done township:done notice:stopped county:todo');
  assert.equal(rejected.route.notice?.state, 'stopped');
  const text = await pdfText((await v.call('documents.render', { kind: 'result_notice', id: objected.id })).pdfBase64);
  assert.match(text, /决定不予通过/);
  assert.match(text, /经营性收入/);
});

test('the platform holds each level to its step, whatever a terminal sends', async () => {
  const v = village.station;
  const a = await submitApplication(v, 504);
  await syncOk(village);
  await syncOk(county);
  // A county terminal that skips its station's checks: refused at the township's step, with the reason.
  const c = county.station;
  c.ctx.db.prepare(`UPDATE review_applications SET status = 'county_review' WHERE id = ?`).run(a.id);
  await c.call('review.decide', { applicationId: a.id, decision: 'approve' });
  await c.sync.syncNow();
  const problems = c.sync.status().problems;
  assert.ok(
    problems.some((p) => /还在乡镇审核，县级暂不能审批/.test(p.reason ?? '')),
    JSON.stringify(problems),
  );
  assert.equal((await c.call('review.get', { id: a.id })).status, 'sent');
  assert.equal((await platform.admin.getApplication(a.id))?.status, 'sent');
});

test('on the wire: another county, a township at the county’s step, and a replayed county decision', async () => {
  const v = village.station;
  const a = await submitApplication(v, 505);
  await syncOk(village);
  await syncOk(township);
  await township.station.call('review.decide', { applicationId: a.id, decision: 'approve' });
  await syncOk(township);
  assert.equal(await sweepAfter(8), 1);

  const decide = async (t: Awaited<ReturnType<typeof enrollTerminal>>, body: ReturnType<typeof decidedBody>) => {
    const reply = await t.request('POST', '/v1/outbox', { json: outboxBatch([outboxMessage('review.decided', body)]) });
    assert.equal(reply.status, 200);
    return reply.json<{ results: { result: string; code?: string; reason?: string }[] }>().results[0]!;
  };
  const stranger = await enrollTerminal(platform, { divisionCode: '360782', role: 'county' });
  const fromStranger = await decide(stranger, decidedBody('360781102201', a.id, 'approve'));
  assert.deepEqual([fromStranger.result, fromStranger.code], ['invalid', 'FORBIDDEN']);
  assert.match(fromStranger.reason ?? '', /不属于本县/);

  const rawTownship = await enrollTerminal(platform, { divisionCode: '360781102', role: 'township' });
  const late = await decide(rawTownship, decidedBody('360781102201', a.id, 'approve'));
  assert.deepEqual([late.result, late.code], ['invalid', 'FORBIDDEN']);
  assert.match(late.reason ?? '', /已报县级审批/);

  const rawCounty = await enrollTerminal(platform, { divisionCode: '360781', role: 'county' });
  const body = decidedBody('360781102201', a.id, 'reject', { reason: '经县级抽查入户，家庭有稳定经营收入' });
  assert.equal((await decide(rawCounty, body)).result, 'accepted');
  assert.equal((await decide(rawCounty, body)).result, 'accepted', 'the same decision again under a new message id: applied once');
  assert.equal((await platform.admin.listDecisions(a.id)).length, 2, 'the township’s pass and the county’s one rejection');
  assert.equal((await platform.admin.getApplication(a.id))?.status, 'rejected');
  const again = await decide(rawCounty, decidedBody('360781102201', a.id, 'approve'));
  assert.deepEqual([again.result, again.code], ['invalid', 'ILLEGAL_TRANSITION']);
});

test('a notice end for an application not in its notice changes nothing, on the village or the township', async () => {
  const a = await submitApplication(village.station, 506);
  await syncOk(village);
  await syncOk(township);
  const body = {
    applicationId: a.id,
    receiptNo: a.receiptNo,
    divisionCode: '360781102201',
    status: 'county_review',
    startsOn: '2026-12-07',
    endsOn: '2026-12-13',
    endedAt: new Date().toISOString(),
  };
  for (const s of [village.station, township.station]) feed(s, [{ kind: 'notice.ended', body }]);
  const here = await village.station.call('applications.get', { id: a.id });
  assert.equal(here.status, 'sent');
  assert.equal(here.route.notice, null);
  const there = await township.station.call('review.get', { id: a.id });
  assert.equal(there.status, 'sent');
  assert.equal(there.route.notice, null);
});
