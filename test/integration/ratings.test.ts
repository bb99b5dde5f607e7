import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { defaultCalendar, shanghaiDate } from '../../core/calendar';
import type { RatingFollowedUp, ServiceRated } from '../../core/sync/messages';
import type { RunningPlatform } from '../../platform/index';
import { decidedBody, enrollTerminal, outboxBatch, outboxMessage, submittedBody, type TestTerminal } from '../helpers/platform';
import { refused } from '../helpers/refusals';
import { lastOutbox, syncOk, threeLevels, type ThreeLevels } from '../helpers/review';
import { submitApplication, type SyncTestStation } from '../helpers/sync';

/**
 * Issue #17 part 3, 好差评: the resident rates at the village counter; the rating goes up as an outbox message;
 * a 差评 gets its 回访/整改 deadlines on the platform (in working days under the province's rules) and reaches
 * the township and county terminals; the township records the follow-up; the figures by village, item, cadre.
 */

const VILLAGE = '360781102201';
let platform: RunningPlatform;
let village: SyncTestStation;
let township: SyncTestStation;
let county: SyncTestStation;

let levels: ThreeLevels | undefined;

before(async () => {
  levels = await threeLevels();
  ({ platform, village, township, county } = levels);
});
after(() => levels?.close());

test('a 差评 at the counter reaches the township with its deadlines; 回访 then 整改 recorded once; figures by village, item, cadre', async () => {
  const v = village.station;
  await platform.admin.setRatingRules({ revisitWorkingDays: 2, rectifyWorkingDays: 10, source: '测试省好差评工作方案' });
  const poorApp = await submitApplication(v, 7101);
  const goodApp = await submitApplication(v, 7102);

  // Refusals on the terminal: a result not yet there, reasons of the other side, nothing written.
  await refused(v.call('ratings.submit', { applicationId: poorApp.id, stage: 'result', level: 4 }), 'ILLEGAL_TRANSITION');
  await refused(v.call('ratings.submit', { applicationId: poorApp.id, stage: 'receipt', level: 2, reasons: ['warm'] }), 'INVALID_INPUT');
  await refused(v.call('ratings.submit', { applicationId: poorApp.id, stage: 'receipt', level: 6 as never }), 'INVALID_INPUT');
  await refused(v.call('ratings.submit', { applicationId: poorApp.id, stage: 'receipt', level: 2, comment: 'a\u0000b' }), 'INVALID_INPUT');
  assert.deepEqual(await v.call('ratings.ofApplication', { applicationId: poorApp.id }), []);

  const poor = await v.call('ratings.submit', {
    applicationId: poorApp.id,
    stage: 'receipt',
    level: 2,
    reasons: ['slow', 'unclear'],
    comment: '排队等了一个多小时',
  });
  assert.equal(poor.levelName, '不满意');
  assert.equal(poor.poor, true);
  assert.deepEqual(
    poor.reasons.map((r) => r.name),
    ['办理时间太长', '告知不清楚，材料要求不明白'],
  );
  assert.equal(poor.cadreName, '李春梅');
  await refused(v.call('ratings.submit', { applicationId: poorApp.id, stage: 'receipt', level: 5 }), 'ALREADY_RATED');
  await v.call('ratings.submit', { applicationId: goodApp.id, stage: 'receipt', level: 5, reasons: ['warm'] });
  const { body } = lastOutbox<ServiceRated>(v, 'service.rated');
  assert.equal(body.applicationId, goodApp.id);
  const detail = await v.call('applications.get', { id: poorApp.id });
  assert.ok(detail.events.some((e) => e.type === 'rated' && e.note === '受理评价：不满意'));

  // The village's own figures: by item and cadre, no follow-up (the platform sets the deadlines).
  const villageStats = await v.call('ratings.stats', {});
  assert.equal(villageStats.overall.total, 2);
  assert.equal(villageStats.overall.poor, 1);
  assert.equal(villageStats.overall.goodRate, 0.5);
  assert.deepEqual(villageStats.byVillage, []);
  assert.equal(villageStats.byCadre[0]!.name, '李春梅');

  await syncOk(village);
  const [row] = await platform.db.query<{ revisit_due: string; rectify_due: string; level: number }>(
    `SELECT level, to_char(revisit_due, 'YYYY-MM-DD') AS revisit_due, to_char(rectify_due, 'YYYY-MM-DD') AS rectify_due FROM ratings WHERE id = $1`,
    [poor.id],
  );
  const today = shanghaiDate(new Date());
  assert.equal(row!.level, 2);
  assert.equal(row!.revisit_due, defaultCalendar.addWorkingDays(today, 2));
  assert.equal(row!.rectify_due, defaultCalendar.addWorkingDays(today, 10));

  // The township sees the 差评 (not the 好评) with the resident to call back and the deadlines.
  await syncOk(township);
  const t = township.station;
  const [followUp, ...others] = await t.call('ratings.followUps', {});
  assert.equal(others.length, 0);
  assert.equal(followUp!.id, poor.id);
  assert.equal(followUp!.villageName, '华屋村');
  assert.equal(followUp!.residentName, '王兆明');
  assert.equal(followUp!.itemName, '最低生活保障申请');
  assert.equal(followUp!.revisitDue, row!.revisit_due);
  assert.equal(followUp!.rectifyDue, row!.rectify_due);
  assert.equal(followUp!.next, 'revisit');
  assert.equal(followUp!.overdue, null);

  // 整改 before 回访 is refused; a village may not record a follow-up; the county looks on.
  await refused(t.call('ratings.followUp', { ratingId: poor.id, step: 'rectify', note: '已整改' }), 'ILLEGAL_TRANSITION');
  await refused(v.call('ratings.followUp', { ratingId: poor.id, step: 'revisit', note: '已回访' }), 'FORBIDDEN');
  await syncOk(county);
  assert.equal((await county.station.call('ratings.followUps', {}))[0]!.id, poor.id);
  await refused(county.station.call('ratings.followUp', { ratingId: poor.id, step: 'revisit', note: '已回访' }), 'FORBIDDEN');

  const revisited = await t.call('ratings.followUp', { ratingId: poor.id, step: 'revisit', note: '电话回访王兆明，情况属实：当天排队人多' });
  assert.equal(revisited.next, 'rectify');
  assert.equal(revisited.unsent, true);
  await syncOk(township);
  assert.equal((await t.call('ratings.followUps', {}))[0]!.unsent, false);
  await t.call('ratings.followUp', { ratingId: poor.id, step: 'rectify', note: '增设周六上午受理，材料清单张贴上墙' });
  await refused(t.call('ratings.followUp', { ratingId: poor.id, step: 'rectify', note: '再登记一次' }), 'ILLEGAL_TRANSITION');
  await syncOk(township);
  assert.deepEqual(await t.call('ratings.followUps', {}), [], 'nothing open');
  assert.equal((await t.call('ratings.followUps', { state: 'all' })).length, 1);

  const [stored] = await platform.db.query<{ revisited_by: string; rectified_by: string }>('SELECT revisited_by, rectified_by FROM ratings WHERE id = $1', [
    poor.id,
  ]);
  assert.deepEqual(stored, { revisited_by: '张建国', rectified_by: '张建国' });
  await syncOk(county);
  const seen = (await county.station.call('ratings.followUps', { state: 'all' }))[0]!;
  assert.equal(seen.revisit?.byName, '张建国');
  assert.equal(seen.rectify?.note, '增设周六上午受理，材料清单张贴上墙');

  // The village hears how its 差评 was answered.
  await syncOk(village);
  const answered = (await v.call('ratings.ofApplication', { applicationId: poorApp.id }))[0]!;
  assert.deepEqual([answered.revisit?.byName, answered.rectify?.note], ['张建国', '增设周六上午受理，材料清单张贴上墙']);

  // Figures on the township: by village (named), item and cadre, with the follow-up counted.
  const stats = await t.call('ratings.stats', {});
  assert.equal(stats.overall.total, 2);
  assert.deepEqual(
    stats.byVillage.map((g) => [g.name, g.total, g.poor]),
    [['华屋村', 2, 1]],
  );
  assert.equal(stats.byItem[0]!.name, '最低生活保障申请');
  assert.deepEqual(stats.followUps, { poor: 1, revisited: 1, rectified: 1, overdue: 0 });
  assert.equal(stats.overall.average, 3.5);

  const summary = await platform.admin.ratingSummary('360781');
  assert.deepEqual(
    summary.map((s) => [s.name, s.total, s.poor, s.open]),
    [['华屋村', 2, 1, 0]],
  );
});

/** A village terminal of its own for the hostile cases, and an application of it on the platform. */
async function villageWithApplication(division = VILLAGE): Promise<{ terminal: TestTerminal; applicationId: string; receiptNo: string }> {
  const terminal = await enrollTerminal(platform, { divisionCode: division });
  const sub = submittedBody(division);
  const reply = await terminal.request('POST', '/v1/outbox', { json: outboxBatch([outboxMessage('application.submitted', sub)]) });
  assert.equal(reply.json<{ results: { result: string }[] }>().results[0]!.result, 'accepted');
  return { terminal, applicationId: sub.applicationId, receiptNo: sub.receiptNo };
}

function rated(o: { applicationId: string; receiptNo: string }, extra: Partial<ServiceRated> = {}): ServiceRated {
  return {
    ratingId: uuidv7(),
    applicationId: o.applicationId,
    receiptNo: o.receiptNo,
    itemCode: 'MZ-0001',
    divisionCode: VILLAGE,
    stage: 'receipt',
    level: 1,
    reasons: ['attitude'],
    comment: null,
    ratedAt: new Date().toISOString(),
    cadre: { id: 'cadre01', name: '李春梅' },
    ...extra,
  };
}

/** A township's record of one follow-up step of `ratingId` (a village of 叶坪乡 unless said). */
function followUpBody(ratingId: string, o: Partial<RatingFollowedUp> = {}): RatingFollowedUp {
  return { ratingId, divisionCode: VILLAGE, step: 'revisit', note: '已电话回访', at: new Date().toISOString(), by: { id: 'r1', name: '张建国' }, ...o };
}

async function send(terminal: TestTerminal, kind: string, body: unknown, id?: string) {
  const reply = await terminal.request('POST', '/v1/outbox', { json: outboxBatch([outboxMessage(kind, body, id)]) });
  assert.ok(reply.status < 500, `no 5xx: ${reply.status}`);
  return reply.json<{ results: { result: string; code?: string; reason?: string }[] }>().results[0]!;
}

test('hostile ratings: wrong sender, another village, bad levels and text, a second rating, a replay; each refused alone in Chinese', async () => {
  const own = await villageWithApplication();
  const other = await villageWithApplication('360781102202');
  const townshipTerminal = await enrollTerminal(platform, { divisionCode: '360781102', role: 'township' });
  const otherTownship = await enrollTerminal(platform, { divisionCode: '360781103', role: 'township' });

  const expect = async (terminal: TestTerminal, kind: string, body: unknown, code: string) => {
    const r = await send(terminal, kind, body);
    assert.equal(r.result, 'invalid', `${kind}: ${JSON.stringify(r)}`);
    assert.equal(r.code, code, r.reason);
    assert.match(r.reason!, /[\u4e00-\u9fff]/);
  };
  await expect(townshipTerminal, 'service.rated', rated(own), 'FORBIDDEN');
  await expect(own.terminal, 'service.rated', rated(other, { divisionCode: '360781102202' }), 'FORBIDDEN');
  await expect(own.terminal, 'service.rated', rated(other), 'NOT_FOUND');
  await expect(own.terminal, 'service.rated', rated(own, { level: 0 as never }), 'INVALID_BODY');
  await expect(own.terminal, 'service.rated', rated(own, { level: 5, reasons: ['attitude'] }), 'INVALID_BODY');
  await expect(own.terminal, 'service.rated', rated(own, { comment: 'x\u0000' }), 'INVALID_BODY');
  await expect(own.terminal, 'service.rated', rated(own, { comment: '\ud800' }), 'INVALID_BODY');
  await expect(own.terminal, 'service.rated', rated(own, { comment: '很'.repeat(301) }), 'INVALID_BODY');
  const huge = await own.terminal.request('POST', '/v1/outbox', {
    json: outboxBatch([outboxMessage('service.rated', rated(own, { comment: '很'.repeat(1_000_000) }))]),
  });
  assert.equal(huge.status, 413, 'a megabyte of comment is refused whole, in Chinese');
  assert.match(huge.bytes.toString(), /[\u4e00-\u9fff]/);
  const deep = JSON.stringify(rated(own)).replace('"reasons":["attitude"]', `"reasons":${'['.repeat(5000)}${']'.repeat(5000)}`);
  await expect(own.terminal, 'service.rated', deep, 'INVALID_BODY');
  await expect(own.terminal, 'service.rated', rated(own, { stage: 'result' }), 'ILLEGAL_TRANSITION');
  await expect(own.terminal, 'service.rated', rated(own, { receiptNo: 'X-1' }), 'INVALID_BODY');

  const first = rated(own);
  const id = uuidv7();
  assert.equal((await send(own.terminal, 'service.rated', first, id)).result, 'accepted');
  assert.equal((await send(own.terminal, 'service.rated', first, id)).result, 'duplicate', 'a replayed message');
  await expect(own.terminal, 'service.rated', rated(own, { level: 4, reasons: [] }), 'ALREADY_RATED');

  const step = followUpBody(first.ratingId);
  await expect(own.terminal, 'rating.followed_up', step, 'FORBIDDEN');
  await expect(otherTownship, 'rating.followed_up', { ...step, divisionCode: '360781103201' }, 'NOT_FOUND');
  await expect(townshipTerminal, 'rating.followed_up', { ...step, step: 'rectify' }, 'ILLEGAL_TRANSITION');
  await expect(townshipTerminal, 'rating.followed_up', { ...step, note: 'x' }, 'INVALID_BODY');
  assert.equal((await send(townshipTerminal, 'rating.followed_up', step)).result, 'accepted');
  assert.equal((await send(townshipTerminal, 'rating.followed_up', step)).result, 'accepted', 'the same record again changes nothing');
  await expect(townshipTerminal, 'rating.followed_up', { ...step, note: '另一种说法' }, 'ILLEGAL_TRANSITION');

  // A good rating has nothing to follow up.
  const other2 = await villageWithApplication();
  const good = rated(other2, { level: 5, reasons: [] });
  assert.equal((await send(other2.terminal, 'service.rated', good)).result, 'accepted');
  await expect(townshipTerminal, 'rating.followed_up', { ...step, ratingId: good.ratingId }, 'ILLEGAL_TRANSITION');

  // A rating of a decided application at the result stage is taken.
  await send(townshipTerminal, 'review.decided', decidedBody(VILLAGE, other2.applicationId, 'reject'));
  assert.equal((await send(other2.terminal, 'service.rated', rated(other2, { stage: 'result', level: 3, reasons: [] }))).result, 'accepted');
});

test("the resident's screen: a request shows there, either side answers once; declined; nothing shows once logged out", async () => {
  const v = village.station;
  const first = await submitApplication(v, 7103);
  assert.deepEqual(await v.call('ratings.ask', { applicationId: first.id, stage: 'receipt' }), { padOpen: false });
  const shown = await v.call('ratings.asked', {});
  assert.deepEqual(
    [shown?.residentName, shown?.itemName, shown?.stageName, shown?.servicePointName],
    ['王兆明', '最低生活保障申请', '受理评价', '瑞金市叶坪乡华屋村为民服务代办点'],
  );
  assert.deepEqual(await v.call('ratings.ask', { applicationId: first.id, stage: 'receipt' }), { padOpen: true }, 'the screen asked a moment ago');
  await v.call('ratings.submit', { applicationId: first.id, stage: 'receipt', level: 4, reasons: ['fast'] });
  assert.equal(await v.call('ratings.asked', {}), null, 'answered: the request is gone');
  const done = village.events.filter((e) => e.type === 'rating.done').at(-1);
  assert.ok(done?.type === 'rating.done' && done.rating?.levelName === '满意');

  const second = await submitApplication(v, 7104);
  await v.call('ratings.ask', { applicationId: second.id, stage: 'receipt' });
  await v.call('ratings.dismiss', {});
  assert.equal(await v.call('ratings.asked', {}), null, 'declined');
  await refused(v.call('ratings.ask', { applicationId: 'no-such-application', stage: 'receipt' }), 'NOT_FOUND');

  await v.call('ratings.ask', { applicationId: second.id, stage: 'receipt' });
  await v.call('session.logout', {});
  assert.equal(await v.call('ratings.asked', {}), null, 'nobody at the counter: nothing on the resident screen');
  await refused(v.call('ratings.ask', { applicationId: second.id, stage: 'receipt' }), 'AUTH_REQUIRED');
});

test('two township terminals record the same 回访: the platform keeps the first, and the other terminal takes it in place of its own', async () => {
  const v = village.station;
  await v.call('session.login', { username: 'cadre01', password: 'Daiban2026' });
  const app = await submitApplication(v, 7105);
  const rating = await v.call('ratings.submit', { applicationId: app.id, stage: 'receipt', level: 1, reasons: ['attitude'] });
  await syncOk(village);
  await syncOk(township);
  // Another terminal of the township records first, straight to the platform.
  const other = await enrollTerminal(platform, { divisionCode: '360781102', role: 'township' });
  const first = followUpBody(rating.id, { note: '已上门回访，群众反映属实', by: { id: 'r2', name: '刘建华' } });
  assert.equal((await send(other, 'rating.followed_up', first)).result, 'accepted');
  // This one, not yet synced, records its own.
  const t = township.station;
  await t.call('ratings.followUp', { ratingId: rating.id, step: 'revisit', note: '电话回访，群众不在家' });
  await t.sync.syncNow();
  const seen = (await t.call('ratings.followUps', {})).find((f) => f.id === rating.id)!;
  assert.deepEqual([seen.revisit?.byName, seen.revisit?.note, seen.unsent], ['刘建华', '已上门回访，群众反映属实', false]);
  const problems = (await t.call('sync.status', {})).problems;
  assert.ok(
    problems.some((p) => /已由刘建华登记/.test(p.reason)),
    JSON.stringify(problems),
  );
});

test('hostile input on the terminal: NUL, a lone surrogate, a megabyte, 5,000 levels, unknown ids, a backwards period; nothing written', async () => {
  const v = village.station;
  const t = township.station;
  await v.call('session.login', { username: 'cadre01', password: 'Daiban2026' });
  const app = await submitApplication(v, 7106);
  const before = (await v.call('ratings.stats', {})).overall.total;
  let deep: unknown = [];
  for (let i = 0; i < 5000; i++) deep = [deep];
  for (const input of [
    { applicationId: app.id, stage: 'receipt', level: 2, comment: '很'.repeat(1_000_000) },
    { applicationId: app.id, stage: 'receipt', level: 2, comment: '坏\ud800' },
    { applicationId: app.id, stage: 'receipt', level: 2, reasons: deep },
    { applicationId: app.id, stage: 'later', level: 2 },
  ]) {
    await refused(v.call('ratings.submit', input as never), 'INVALID_INPUT');
  }
  // An application of another village (or none) is not this terminal's to rate.
  await refused(v.call('ratings.submit', { applicationId: uuidv7(), stage: 'receipt', level: 4 }), 'NOT_FOUND');
  assert.equal((await v.call('ratings.stats', {})).overall.total, before, 'nothing written');

  const [open] = await t.call('ratings.followUps', { state: 'all' });
  for (const note of ['已回访\u0000', '已回访\udc00', '很'.repeat(1_000_000), 'x']) {
    await refused(t.call('ratings.followUp', { ratingId: open!.id, step: 'rectify', note }), 'INVALID_INPUT');
  }
  await refused(t.call('ratings.followUp', { ratingId: uuidv7(), step: 'revisit', note: '已回访' }), 'NOT_FOUND');
  await refused(t.call('ratings.stats', { from: '2026-13-01' }), 'INVALID_INPUT');
  await refused(t.call('ratings.stats', { from: '2026-12-31', to: '2026-01-01' }), 'INVALID_INPUT');
  await refused(t.call('ratings.followUps', { state: 'mine' as never }), 'INVALID_INPUT');
});
