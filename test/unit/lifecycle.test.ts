import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACTION_LABEL,
  APPLICATION_ACTIONS,
  APPLICATION_STATUSES,
  STATUS_LABEL,
  allowedActions,
  canTransition,
  isFinal,
  OPEN_STATUSES,
  transition,
  type ApplicationAction,
  type ApplicationStatus,
} from '../../core/lifecycle';
import { DaibanError } from '../../core/errors';

// The expected table, written out independently of the implementation.
const LEGAL: [ApplicationStatus, ApplicationAction, ApplicationStatus][] = [
  ['draft', 'submit', 'queued'],
  ['queued', 'acknowledge', 'sent'],
  ['sent', 'start_review', 'under_review'],
  ['supplemented', 'start_review', 'under_review'],
  ['sent', 'approve', 'approved'],
  ['under_review', 'approve', 'approved'],
  ['supplemented', 'approve', 'approved'],
  ['sent', 'reject', 'rejected'],
  ['under_review', 'reject', 'rejected'],
  ['supplemented', 'reject', 'rejected'],
  ['sent', 'request_supplement', 'needs_supplement'],
  ['under_review', 'request_supplement', 'needs_supplement'],
  ['supplemented', 'request_supplement', 'needs_supplement'],
  ['needs_supplement', 'supplement', 'supplemented'],
  ['draft', 'withdraw', 'withdrawn'],
  ['queued', 'withdraw', 'withdrawn'],
  ['sent', 'withdraw', 'withdrawn'],
  ['under_review', 'withdraw', 'withdrawn'],
  ['needs_supplement', 'withdraw', 'withdrawn'],
  ['supplemented', 'withdraw', 'withdrawn'],
  ['approved', 'complete', 'completed'],
  ['rejected', 'complete', 'completed'],
  // Multi-level review (core/review-levels.ts): the township's pass opens the notice or goes to the county.
  ['sent', 'publicize', 'publicizing'],
  ['under_review', 'publicize', 'publicizing'],
  ['supplemented', 'publicize', 'publicizing'],
  ['sent', 'refer', 'county_review'],
  ['under_review', 'refer', 'county_review'],
  ['supplemented', 'refer', 'county_review'],
  ['publicizing', 'refer', 'county_review'],
  ['publicizing', 'approve', 'approved'],
  ['publicizing', 'reject', 'rejected'],
  ['publicizing', 'withdraw', 'withdrawn'],
  ['county_review', 'approve', 'approved'],
  ['county_review', 'reject', 'rejected'],
  ['county_review', 'withdraw', 'withdrawn'],
];

test('every (status, action) pair matches the expected table', () => {
  assert.equal(APPLICATION_STATUSES.length, 12);
  assert.equal(APPLICATION_ACTIONS.length, 11);
  let legal = 0;
  let illegal = 0;
  for (const from of APPLICATION_STATUSES) {
    for (const action of APPLICATION_ACTIONS) {
      const expected = LEGAL.find(([f, a]) => f === from && a === action)?.[2];
      if (expected) {
        legal++;
        assert.equal(transition(from, action), expected, `${from} -${action}->`);
        assert.equal(canTransition(from, action), true, `${from} -${action}-> should be legal`);
      } else {
        illegal++;
        assert.equal(canTransition(from, action), false, `${from} -${action}-> should be illegal`);
        assert.throws(
          () => transition(from, action),
          (e: unknown) =>
            e instanceof DaibanError &&
            e.code === 'ILLEGAL_TRANSITION' &&
            e.details?.from === from &&
            e.details?.action === action &&
            e.message.includes(`“${STATUS_LABEL[from]}”`) &&
            e.message.includes(`“${ACTION_LABEL[action]}”`),
          `${from} -${action}-> should throw`,
        );
      }
    }
  }
  assert.equal(legal, LEGAL.length);
  assert.equal(legal + illegal, 132);
});

test('refusals read naturally in Chinese', () => {
  assert.throws(() => transition('withdrawn', 'approve'), { message: '“已撤回”的申请不能再“审核通过”' });
  assert.throws(() => transition('completed', 'withdraw'), { message: '“已办结”的申请不能再“撤回”' });
  assert.throws(() => transition('approved', 'withdraw'), { message: '“已通过”的申请不能“撤回”，现在只能“办结”' });
  assert.throws(() => transition('draft', 'approve'), {
    message: '“草稿”的申请不能“审核通过”，现在只能“提交”或“撤回”',
  });
});

test('only withdrawn and completed are final', () => {
  const finals = APPLICATION_STATUSES.filter(isFinal);
  assert.deepEqual(finals, ['withdrawn', 'completed']);
  // Under way: everything between the draft and a decision for good.
  assert.deepEqual(OPEN_STATUSES, ['queued', 'sent', 'under_review', 'needs_supplement', 'supplemented', 'publicizing', 'county_review']);
  assert.deepEqual(allowedActions('needs_supplement'), ['supplement', 'withdraw']);
});

test('every status and action has a Chinese label', () => {
  assert.deepEqual(
    APPLICATION_STATUSES.map((s) => STATUS_LABEL[s]),
    ['草稿', '待上报', '已上报', '审核中', '待补正', '已补正', '公示中', '待县级审批', '已通过', '未通过', '已撤回', '已办结'],
  );
  for (const a of APPLICATION_ACTIONS) assert.match(ACTION_LABEL[a], /^[\u4e00-\u9fa5，]+$/);
});

test('a whole journey with one supplement round', () => {
  const actions: ApplicationAction[] = ['submit', 'acknowledge', 'start_review', 'request_supplement', 'supplement', 'start_review', 'approve', 'complete'];
  const end = actions.reduce<ApplicationStatus>((s, a) => transition(s, a), 'draft');
  assert.equal(end, 'completed');
});
