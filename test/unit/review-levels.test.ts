import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { DaibanError } from '../../core/errors';
import { APPLICATION_STATUSES, canTransition } from '../../core/lifecycle';
import {
  decisionAction,
  noticeState,
  noticeWindow,
  passAction,
  reviewLevelsSchema,
  routeSteps,
  SINGLE_LEVEL,
  type ReviewLevels,
} from '../../core/review-levels';

const DIBAO: ReviewLevels = [{ step: 'township' }, { step: 'notice', days: 7 }, { step: 'county' }];
const TWO: ReviewLevels = [{ step: 'township' }, { step: 'county' }];

const forbidden = (fn: () => unknown, message: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DaibanError && e.code === 'FORBIDDEN' && message.test(e.message));

test('only the three routes of the grassroots rules parse; the seed catalog carries them', () => {
  for (const ok of [SINGLE_LEVEL, TWO, DIBAO]) assert.equal(reviewLevelsSchema.safeParse(ok).success, true);
  for (const bad of [
    [],
    [{ step: 'county' }],
    [{ step: 'township' }, { step: 'notice', days: 7 }],
    [{ step: 'township' }, { step: 'notice', days: 0 }, { step: 'county' }],
  ]) {
    assert.equal(reviewLevelsSchema.safeParse(bad).success, false, JSON.stringify(bad));
  }
  const levels = (code: string) => SEED_CATALOG.items.find((i) => i.code === code)!.levels;
  assert.deepEqual(levels('MZ-0001'), DIBAO);
  assert.deepEqual(levels('MZ-0002'), DIBAO);
  assert.deepEqual(levels('MZ-0005'), TWO);
  assert.deepEqual(levels('MZ-0003'), SINGLE_LEVEL);
});

test('a township approval moves on by the route; a county decides only at its step', () => {
  assert.equal(passAction(SINGLE_LEVEL, 'township'), 'approve');
  assert.equal(passAction(TWO, 'township'), 'refer');
  assert.equal(passAction(DIBAO, 'township'), 'publicize');
  assert.equal(passAction(DIBAO, 'notice'), 'refer');
  assert.equal(passAction(DIBAO, 'county'), 'approve');

  assert.equal(decisionAction(DIBAO, 'sent', 'approve', 'township'), 'publicize');
  assert.equal(decisionAction(TWO, 'supplemented', 'approve', 'township'), 'refer');
  assert.equal(decisionAction(SINGLE_LEVEL, 'under_review', 'approve', 'township'), 'approve');
  assert.equal(decisionAction(DIBAO, 'sent', 'request_supplement', 'township'), 'request_supplement');
  // The notice: the township may only stop it; the county waits for its end.
  assert.equal(decisionAction(DIBAO, 'publicizing', 'reject', 'township'), 'reject');
  forbidden(() => decisionAction(DIBAO, 'publicizing', 'approve', 'township'), /正在公示/);
  forbidden(() => decisionAction(DIBAO, 'publicizing', 'approve', 'county'), /正在公示/);
  forbidden(() => decisionAction(DIBAO, 'sent', 'approve', 'county'), /还在乡镇审核/);
  // The county's step: approve or reject; a return for supplement goes through the township.
  assert.equal(decisionAction(DIBAO, 'county_review', 'approve', 'county'), 'approve');
  assert.equal(decisionAction(TWO, 'county_review', 'reject', 'county'), 'reject');
  forbidden(() => decisionAction(DIBAO, 'county_review', 'request_supplement', 'county'), /退回乡镇/);
  forbidden(() => decisionAction(DIBAO, 'county_review', 'reject', 'township'), /县级审批/);
  // Every action it names is one the lifecycle knows from that status, or the lifecycle refuses it itself.
  for (const status of APPLICATION_STATUSES) {
    for (const role of ['township', 'county'] as const) {
      for (const d of ['approve', 'reject', 'request_supplement'] as const) {
        try {
          const a = decisionAction(DIBAO, status, d, role);
          assert.ok(
            canTransition(status, a) || ['draft', 'queued', 'needs_supplement', 'approved', 'rejected', 'withdrawn', 'completed'].includes(status),
            `${status} ${role} ${d}`,
          );
        } catch (e) {
          assert.ok(e instanceof DaibanError && e.code === 'FORBIDDEN');
        }
      }
    }
  }
});

test('the notice runs from the day after the pass, its days inclusive, and ends at midnight in Beijing', () => {
  // Passed at 23:30 on 6 December (Beijing): posted from the 7th to the 13th; it ends at 00:00 on the 14th.
  const w = noticeWindow('2026-12-06T15:30:00.000Z', 7);
  assert.deepEqual(w, { startsOn: '2026-12-07', endsOn: '2026-12-13', endsAt: '2026-12-13T16:00:00.000Z' });
  assert.deepEqual(noticeState({ ...w, endedAt: null }, 'publicizing', '2026-12-06'), { state: 'running', daysLeft: 7 });
  assert.deepEqual(noticeState({ ...w, endedAt: null }, 'publicizing', '2026-12-13'), { state: 'running', daysLeft: 1 });
  assert.deepEqual(noticeState({ ...w, endedAt: '2026-12-13T16:01:00.000Z' }, 'county_review', '2026-12-14'), { state: 'ended', daysLeft: null });
  assert.deepEqual(noticeState({ ...w, endedAt: null }, 'withdrawn', '2026-12-09'), { state: 'stopped', daysLeft: null });
});

test('the route shows where an application stands and where it stopped', () => {
  const show = (status: Parameters<typeof routeSteps>[1], stoppedAt: Parameters<typeof routeSteps>[2] = null, levels = DIBAO) =>
    routeSteps(levels, status, stoppedAt)
      .map((s) => `${s.label}:${s.state}`)
      .join(' ');
  assert.equal(show('queued'), '村受理:current 乡镇审核:todo 公示:todo 县级审批:todo');
  assert.equal(show('needs_supplement'), '村受理:done 乡镇审核:current 公示:todo 县级审批:todo');
  assert.equal(show('publicizing'), '村受理:done 乡镇审核:done 公示:current 县级审批:todo');
  assert.equal(show('county_review'), '村受理:done 乡镇审核:done 公示:done 县级审批:current');
  assert.equal(show('completed'), '村受理:done 乡镇审核:done 公示:done 县级审批:done');
  assert.equal(show('rejected', 'notice'), '村受理:done 乡镇审核:done 公示:stopped 县级审批:todo');
  assert.equal(show('rejected'), '村受理:done 乡镇审核:stopped 公示:todo 县级审批:todo');
  assert.equal(show('approved', null, SINGLE_LEVEL), '村受理:done 乡镇审核:done');
});
