import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCalendarDays, createWorkingCalendar, defaultCalendar as cal, isValidDate, shanghaiDate, shanghaiDateTime } from '../../core/calendar';
import { CN_CALENDAR_DATA } from '../../core/holidays';

const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();

test('holiday data is well-formed: real dates, known years, adjusted workdays fall on weekends', () => {
  const { holidays, workdays, knownYears } = CN_CALENDAR_DATA;
  for (const d of [...holidays, ...workdays]) {
    assert.ok(isValidDate(d), d);
    assert.ok(knownYears.includes(Number(d.slice(0, 4))), d);
  }
  for (const d of workdays) assert.ok([0, 6].includes(weekday(d)), `${d} is not a weekend`);
  assert.equal(new Set(holidays).size, holidays.length, 'duplicate holiday');
  assert.deepEqual(
    holidays.filter((d) => workdays.includes(d)),
    [],
  );
  // Statutory day-off counts per notice (including weekends moved into the breaks).
  assert.equal(holidays.filter((d) => d.startsWith('2025')).length, 28);
  assert.equal(holidays.filter((d) => d.startsWith('2026')).length, 33);
});

test('Spring Festival 2026: 02-15..02-23 off, 02-14 and 02-28 (Saturdays) worked', () => {
  assert.equal(cal.isWorkingDay('2026-02-13'), true);
  assert.equal(cal.isWorkingDay('2026-02-14'), true);
  for (let d = '2026-02-15'; d <= '2026-02-23'; d = addCalendarDays(d, 1)) {
    assert.equal(cal.isWorkingDay(d), false, d);
  }
  assert.equal(cal.isWorkingDay('2026-02-24'), true);
  assert.equal(cal.isWorkingDay('2026-02-28'), true);
  assert.equal(cal.isWorkingDay('2026-03-01'), false);

  assert.equal(cal.addWorkingDays('2026-02-13', 1), '2026-02-14');
  assert.equal(cal.addWorkingDays('2026-02-14', 1), '2026-02-24');
  assert.equal(cal.workingDaysBetween('2026-02-13', '2026-02-28'), 6);
});

test('adjusted working day: accepted Fri 2026-09-18 with 3 working days is due 2026-09-22', () => {
  assert.equal(cal.isWorkingDay('2026-09-20'), true); // a Sunday
  assert.equal(cal.addWorkingDays('2026-09-18', 3), '2026-09-22');
  assert.equal(cal.isWorkingDay('2026-10-10'), true); // a Saturday
  assert.equal(cal.isWorkingDay('2025-10-11'), true);
  assert.equal(cal.isWorkingDay('2025-10-08'), false); // a Wednesday in the 2025 National Day break
  assert.equal(cal.isWorkingDay('2026-01-04'), true);
});

test('a plain weekend is skipped', () => {
  assert.equal(cal.isWorkingDay('2026-03-07'), false);
  assert.equal(cal.isWorkingDay('2026-03-08'), false);
  assert.equal(cal.addWorkingDays('2026-03-06', 1), '2026-03-09');
  assert.equal(cal.addWorkingDays('2026-03-06', 0), '2026-03-06');
  assert.equal(cal.workingDaysBetween('2026-03-06', '2026-03-08'), 0);
  assert.equal(cal.workingDaysBetween('2026-03-06', '2026-03-06'), 0);
});

test('5 working days for a supplement notice skip the holidays', () => {
  // Through National Day 2026: 09-29, 09-30, 10-08, 10-09, then Saturday 10-10, which is worked.
  assert.equal(cal.addWorkingDays('2026-09-28', 5), '2026-10-10');
  assert.equal(cal.addWorkingDays('2026-09-29', 5), '2026-10-12');
  // Labour Day 2026 with Saturday 05-09 worked: 05-06, 05-07, 05-08, 05-09, 05-11.
  assert.equal(cal.addWorkingDays('2026-04-30', 5), '2026-05-11');
});

test('workingDaysBetween counts after `from` up to `to`, negative backwards, and inverts addWorkingDays', () => {
  assert.equal(cal.workingDaysBetween('2026-02-24', '2026-02-13'), -2);
  assert.equal(cal.addWorkingDays('2026-02-24', -2), '2026-02-13');
  let d = '2025-01-01';
  for (let i = 0; i < 200; i++, d = addCalendarDays(d, 3)) {
    for (const n of [1, 5, 20]) {
      const due = cal.addWorkingDays(d, n);
      assert.equal(cal.isWorkingDay(due), true);
      assert.equal(cal.workingDaysBetween(d, due), n, `${d} + ${n}`);
    }
  }
});

test('years without a notice count weekends only', () => {
  assert.equal(cal.isWorkingDay('2027-01-01'), true); // a Friday; 元旦 2027 unknown here
  assert.equal(cal.isWorkingDay('2027-01-02'), false);
  assert.equal(cal.addWorkingDays('2026-12-31', 1), '2027-01-01');
});

test('a custom calendar uses only its own data', () => {
  const c = createWorkingCalendar({ holidays: ['2030-01-02'], workdays: ['2030-01-05'], knownYears: [2030] });
  assert.equal(c.isWorkingDay('2030-01-02'), false);
  assert.equal(c.isWorkingDay('2030-01-05'), true);
  assert.equal(c.addWorkingDays('2030-01-01', 1), '2030-01-03');
  assert.throws(() => createWorkingCalendar({ holidays: ['2030-02-30'], workdays: [], knownYears: [] }));
});

test('bad dates and fractional day counts are refused', () => {
  assert.throws(() => cal.isWorkingDay('2026-2-3'), { code: 'INVALID_INPUT' });
  assert.throws(() => cal.addWorkingDays('2026-02-30', 1), { code: 'INVALID_INPUT' });
  assert.throws(() => cal.addWorkingDays('2026-02-03', 1.5), { code: 'INVALID_INPUT' });
  assert.equal(isValidDate('2000-02-29'), true);
  assert.equal(isValidDate('1900-02-29'), false);
  assert.equal(isValidDate('2026-04-31'), false);
});

test('shanghaiDate turns the day at 16:00 UTC', () => {
  assert.equal(shanghaiDate('2026-01-31T15:59:59.999Z'), '2026-01-31');
  assert.equal(shanghaiDate('2026-01-31T16:00:00Z'), '2026-02-01');
  assert.equal(shanghaiDate(new Date('2026-12-31T16:00:00Z')), '2027-01-01');
  assert.equal(shanghaiDate('2026-02-01T00:30:00+08:00'), '2026-02-01');
  assert.equal(shanghaiDateTime('2026-12-31T16:05:00Z'), '2027-01-01 00:05');
  assert.equal(shanghaiDateTime('2026-07-01T03:04:59Z'), '2026-07-01 11:04');
  assert.throws(() => shanghaiDate('not a date'), { code: 'INVALID_INPUT' });
});
