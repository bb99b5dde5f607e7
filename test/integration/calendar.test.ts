import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createWorkingCalendar } from '../../core/calendar';
import { calendarDataWith, STATUTORY_2027 } from '../../core/calendar-year';
import { resumedDueDate } from '../../core/due-date';
import { CN_CALENDAR_DATA } from '../../core/holidays';
import { calendar as calendarCli } from '../../platform/cli/calendar';
import type { RunningPlatform } from '../../platform/index';
import { allMaterials, validValues } from '../helpers/forms';
import { villageAndTownship, type VillageAndTownship } from '../helpers/review';
import { manualClock } from '../helpers/station';
import { submitApplication, type SyncTestStation } from '../helpers/sync';

/**
 * Issue #15, time as the law counts it: holidays are data the platform publishes (2027 included), and the
 * promised date stops while a supplement is awaited (补正期间不计入承诺时限).
 */

let platform: RunningPlatform;
let village: SyncTestStation;
let township: SyncTestStation;
let fleet: VillageAndTownship | undefined;
const clock = manualClock('2026-12-28T02:00:00.000Z'); // Monday 10:00 in Ruijin

before(async () => {
  fleet = await villageAndTownship({ clock });
  ({ platform, village, township } = fleet);
});
after(async () => {
  await fleet?.close();
});

test('2027-01-01 is a working day until 2027 is published, then not; a notice replaces the statutory days', async () => {
  const v = village.station;
  assert.equal(v.ctx.calendar.isWorkingDay('2027-01-01'), true, 'built with 2025 and 2026 only: a Friday counts');
  const lines: string[] = [];
  await calendarCli(platform, 'publish', { seed: true }, (l) => lines.push(l));
  assert.match(lines.join(), /已发布2027年的节假日安排/);
  assert.equal((await v.sync.syncNow()).lastError, null);
  for (const day of ['2027-01-01', '2027-02-05', '2027-02-08', '2027-10-01']) assert.equal(v.ctx.calendar.isWorkingDay(day), false, day);
  assert.equal(v.ctx.calendar.isWorkingDay('2027-01-04'), true);
  // An application taken on the last working day of 2026 (低保: 20 working days) counts past New Year's Day.
  clock.set('2026-12-31T02:00:00.000Z');
  const app = await submitApplication(v, 61);
  assert.equal(app.dueDate, createWorkingCalendar(calendarDataWith(CN_CALENDAR_DATA, [STATUTORY_2027])).addWorkingDays('2026-12-31', 20));
  assert.equal(app.dueDate, '2027-01-29', 'not the 28th: 1 January is off');

  // The same year again is no change; the State Council's notice (with 调休) replaces the statutory days.
  assert.deepEqual(await platform.admin.publishCalendarYear(STATUTORY_2027), { year: 2027, published: false, replaced: false });
  const notice = {
    ...STATUTORY_2027,
    source: '国办发明电（测试用）',
    provisional: false,
    holidays: [...STATUTORY_2027.holidays, '2027-02-09'],
    workdays: ['2027-02-20'],
  };
  assert.deepEqual(await platform.admin.publishCalendarYear(notice), { year: 2027, published: true, replaced: true });
  assert.equal((await v.sync.syncNow()).lastError, null);
  assert.equal(v.ctx.calendar.isWorkingDay('2027-02-09'), false);
  assert.equal(v.ctx.calendar.isWorkingDay('2027-02-20'), true, 'a Saturday worked for 调休');
  // A restart reads the published years from the store.
  const reopened = village.reopen();
  assert.equal(reopened.ctx.calendar.isWorkingDay('2027-02-20'), true);
  await reopened.call('session.login', { username: 'cadre01', password: 'Daiban2026' });
});

test('a year that is not one is refused in Chinese and changes nothing', async () => {
  const bad: unknown[] = [
    { ...STATUTORY_2027, holidays: ['2028-01-01'] },
    { ...STATUTORY_2027, workdays: ['2027-01-04'] }, // a Monday is no 调休 workday
    { ...STATUTORY_2027, workdays: ['2027-01-01'] }, // both off and on
    { ...STATUTORY_2027, holidays: ['2027-01-01', '2027-01-01'] },
    { ...STATUTORY_2027, holidays: ['2027-02-30'] },
    { ...STATUTORY_2027, source: '\u0000' },
    { ...STATUTORY_2027, holidays: Array.from({ length: 5000 }, () => '2027-01-01') },
    { year: 1e9 },
    'not a year',
  ];
  for (const year of bad) {
    await assert.rejects(platform.admin.publishCalendarYear(year), (e: Error & { status?: number }) => {
      assert.match(e.message, /节假日安排格式不正确/);
      assert.equal(e.status, 400);
      return true;
    });
  }
  assert.equal(village.station.ctx.calendar.isWorkingDay('2027-02-20'), true);
});

test('the promised date stops while a supplement is awaited and resumes with the days that were left', async () => {
  const v = village.station;
  const t = township.station;
  clock.set('2027-03-01T02:00:00.000Z'); // Monday
  const app = await submitApplication(v, 62);
  assert.equal(app.dueDate, '2027-03-29', '低保: twenty working days after Monday 1 March');
  assert.equal((await v.sync.syncNow()).lastError, null);
  assert.equal((await t.sync.syncNow()).lastError, null);

  clock.set('2027-03-03T02:00:00.000Z'); // Wednesday: two working days used, eighteen left
  await t.call('review.decide', {
    applicationId: app.id,
    decision: 'request_supplement',
    supplement: { items: [{ kind: 'material', key: 'hukou', label: '户口簿复印件', problem: '缺少户主页' }] },
  });
  assert.equal((await t.sync.syncNow()).lastError, null);
  assert.equal((await v.sync.syncNow()).lastError, null);

  // Three weeks later, still waiting: the township sees the clock stopped, not an overdue application.
  clock.set('2027-03-24T02:00:00.000Z');
  const waiting = (await t.call('review.list', {})).items.find((i) => i.id === app.id)!;
  assert.deepEqual([waiting.status, waiting.duePaused, waiting.overdue, waiting.workingDaysLeft], ['needs_supplement', true, false, 18]);
  assert.ok(!(await t.call('stats.report', {})).overdue.some((o) => o.id === app.id), 'not in the overdue list while paused');

  // The resident brings the page on Wednesday 24 March: eighteen working days from then, 清明 (5 April) skipped.
  const item = await v.call('catalog.get', { code: 'MZ-0001' });
  const done = await v.call('applications.supplement', {
    id: app.id,
    form: validValues(item.form.fields),
    materials: allMaterials(item),
    unavailable: [{ kind: 'material', key: 'hukou', note: '户口簿遗失，正在补办' }],
  });
  assert.equal(done.dueDate, '2027-04-20');
  assert.equal(done.dueDate, resumedDueDate(v.ctx.calendar, { dueDate: '2027-03-29', requestedOn: '2027-03-03', supplementedOn: '2027-03-24' }));
  assert.equal((await v.sync.syncNow()).lastError, null);
  assert.equal((await t.sync.syncNow()).lastError, null);
  const resumed = (await t.call('review.list', {})).items.find((i) => i.id === app.id)!;
  assert.deepEqual([resumed.status, resumed.dueDate, resumed.duePaused, resumed.overdue], ['supplemented', '2027-04-20', false, false]);
  assert.equal((await platform.admin.getApplication(app.id))?.dueDate, '2027-04-20');
});
