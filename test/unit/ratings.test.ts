import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StationEvent } from '../../core/api/events';
import { readStationEvent } from '../../core/api/events';
import { ratingMethods } from '../../core/api/rating-methods';
import { createWorkingCalendar, defaultCalendar } from '../../core/calendar';
import { DEFAULT_RATING_RULES, followUpDeadlines, isPoorRating, reasonName, reasonsFitLevel } from '../../core/ratings/model';
import { showRate, summariseLevels } from '../../core/ratings/stats';
import { serviceRatedSchema } from '../../core/sync/messages';
import { createRatingDesk } from '../../station/ratings/desk';

test('levels: 不满意 and 非常不满意 are 差评; reasons belong to their side', () => {
  assert.deepEqual([5, 4, 3, 2, 1].map(isPoorRating), [false, false, false, true, true]);
  assert.ok(reasonsFitLevel(2, ['slow', 'attitude']));
  assert.ok(reasonsFitLevel(5, []));
  assert.ok(!reasonsFitLevel(5, ['slow']), 'a complaint on 非常满意');
  assert.ok(!reasonsFitLevel(1, ['warm']), 'praise on 非常不满意');
  assert.ok(!reasonsFitLevel(2, ['__proto__']));
  assert.equal(reasonName('trips'), '让群众多跑了路');
  assert.equal(reasonName('future'), 'future', 'a code a newer version added shows as itself');
});

test('the station input refuses levels outside 1–5, repeated reasons, a NUL in the comment, in Chinese', () => {
  const schema = ratingMethods['ratings.submit'];
  const base = { applicationId: 'a', stage: 'receipt', level: 4 };
  assert.ok(schema.safeParse(base).success);
  for (const level of [0, 6, 2.5, '4', null]) {
    const r = schema.safeParse({ ...base, level });
    assert.ok(!r.success);
    assert.match(r.error.issues[0]!.message, /评价等级应为/);
  }
  assert.ok(!schema.safeParse({ ...base, reasons: ['fast', 'fast'] }).success);
  assert.ok(!schema.safeParse({ ...base, comment: 'a\u0000' }).success);
  assert.ok(!schema.safeParse({ ...base, comment: '很'.repeat(301) }).success);
  assert.ok(!schema.safeParse({ ...base, extra: 1 }).success, 'strict');
});

test('the message schema ties reasons to the level', () => {
  const body = {
    ratingId: '0192f1e0-0000-7000-8000-000000000001',
    applicationId: '0192f1e0-0000-7000-8000-000000000002',
    receiptNo: '360781102201-20261207-01-0001',
    itemCode: 'WJ-0004',
    divisionCode: '360781102201',
    stage: 'receipt',
    level: 2,
    reasons: ['slow'],
    comment: null,
    ratedAt: '2026-12-07T01:00:00.000Z',
    cadre: { id: 'c1', name: '李春梅' },
  };
  assert.ok(serviceRatedSchema.safeParse(body).success);
  assert.ok(!serviceRatedSchema.safeParse({ ...body, level: 5 }).success);
});

test('deadlines count working days after the day received: over a weekend and the National Day holiday', () => {
  // Friday 2026-12-04: 回访 the next working day is Monday; 整改 15 working days later.
  assert.deepEqual(followUpDeadlines(defaultCalendar, '2026-12-04', DEFAULT_RATING_RULES), { revisitDue: '2026-12-07', rectifyDue: '2026-12-25' });
  const cal = createWorkingCalendar({ knownYears: [2026], holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: [] });
  assert.equal(followUpDeadlines(cal, '2026-09-30', { ...DEFAULT_RATING_RULES, rectifyWorkingDays: 2 }).rectifyDue, '2026-10-09');
  assert.equal(followUpDeadlines(cal, '2026-09-30', { ...DEFAULT_RATING_RULES, revisitWorkingDays: 0 }).revisitDue, '2026-09-30', '0: the same day');
});

test('summaries: 好评率 counts 非常满意, 满意, 基本满意; the average is the mean score; nothing rated reads —', () => {
  const s = summariseLevels([
    { level: 5, count: 6 },
    { level: 3, count: 2 },
    { level: 2, count: 1 },
    { level: 1, count: 1 },
    { level: 9, count: 100 },
  ]);
  assert.equal(s.total, 10);
  assert.equal(s.poor, 2);
  assert.equal(s.goodRate, 0.8);
  assert.equal(s.average, (30 + 6 + 2 + 1) / 10);
  assert.equal(showRate(s.goodRate), '80.0%');
  assert.equal(showRate(2 / 3), '66.7%');
  const none = summariseLevels([]);
  assert.equal(none.goodRate, null);
  assert.equal(showRate(none.goodRate), '—');
});

test("the rating desk: a request shows on the resident's screen; the first answer ends it and both sides hear", () => {
  const events: StationEvent[] = [];
  let now = 0;
  const desk = createRatingDesk(
    (e) => events.push(e),
    () => now,
  );
  const request = {
    applicationId: 'a1',
    stage: 'receipt' as const,
    stageName: '受理评价',
    residentName: '王秀英',
    itemName: '老年人优待证办理',
    servicePointName: '华屋村代办点',
    askedAt: '',
  };
  assert.deepEqual(desk.ask(request, 'u1'), { padOpen: false }, 'no screen has asked yet');
  assert.deepEqual(desk.asked('u1'), request);
  assert.equal(desk.asked('u2'), null, 'another user logged in sees none of it');
  assert.equal(desk.asked(null), null);
  assert.deepEqual(desk.pending('u1'), request, "the cadre's side reads it too");
  now = 5_000;
  assert.deepEqual(desk.ask(request, 'u1'), { padOpen: true }, 'a screen asked 5 s ago');
  now = 30_000;
  assert.deepEqual(desk.ask(request, 'u1'), { padOpen: false }, 'and none for 25 s');
  desk.done('other', 'receipt', null);
  assert.deepEqual(desk.asked('u1'), request, 'another application does not end this request');
  desk.done('a1', 'receipt', null);
  assert.equal(desk.asked('u1'), null);
  assert.deepEqual(
    events.map((e) => e.type),
    ['rating.asked', 'rating.asked', 'rating.asked', 'rating.done', 'rating.asked', 'rating.done'],
  );
  for (const e of events) assert.deepEqual(readStationEvent(JSON.stringify(e)), e, 'each event crosses the transports');
  assert.equal(readStationEvent({ type: 'rating.done', applicationId: 1, stage: 'receipt', rating: null }), null);
});
