import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { APP_VERSION } from '../../station/runtime/app-version';
import { backoffDelay, DEFAULT_BACKOFF } from '../../station/sync/backoff';
import { platformMessage } from '../../station/sync/errors';
import { parseRetryAfter } from '../../station/sync/retry-after';
import { ServerClock } from '../../station/sync/server-clock';

test('backoff: full jitter in [0, min(cap, base·2^n))', () => {
  assert.equal(
    backoffDelay(0, DEFAULT_BACKOFF, () => 0.999_999),
    1999,
  );
  assert.equal(
    backoffDelay(3, DEFAULT_BACKOFF, () => 0.5),
    8000,
  );
  assert.equal(
    backoffDelay(50, DEFAULT_BACKOFF, () => 0.999_999),
    299_999,
    'capped at five minutes',
  );
  assert.equal(
    backoffDelay(4, DEFAULT_BACKOFF, () => 0),
    0,
  );
});

test('Retry-After: seconds, HTTP date on the platform clock, garbage ignored', () => {
  const now = Date.parse('2026-11-23T02:00:00Z');
  assert.equal(parseRetryAfter('7', now), 7000);
  assert.equal(parseRetryAfter(' 120 ', now), 120_000);
  assert.equal(parseRetryAfter('Mon, 23 Nov 2026 02:01:30 GMT', now), 90_000);
  assert.equal(parseRetryAfter('Mon, 23 Nov 2026 01:00:00 GMT', now), 0, 'a date in the past means now');
  assert.equal(parseRetryAfter('-5', now), null);
  assert.equal(parseRetryAfter('soon', now), null);
  assert.equal(parseRetryAfter(null, now), null);
});

test('server clock: offset from the midpoint; signing times strictly increase; a correction is not outrun', () => {
  const local = { now: () => new Date('2026-11-23T09:00:00.000Z') };
  const changes: number[] = [];
  const clock = new ServerClock(local, 0, (o) => changes.push(o));
  const t0 = local.now().getTime();
  clock.learn('2026-11-23T02:00:00.000Z', t0 - 100, t0 + 100);
  assert.equal(clock.offsetMs, -7 * 3600_000);
  assert.deepEqual(changes, [-7 * 3600_000]);
  const a = clock.signingTime().getTime();
  const b = clock.signingTime().getTime();
  assert.ok(b > a, 'a frozen clock still signs distinct times');
  clock.learn('2026-11-23T02:00:00.400Z', t0, t0);
  assert.equal(changes.length, 1, 'small moves are not stored');
  clock.learn('not a date', t0, t0);
  assert.equal(clock.offsetMs, -7 * 3600_000 + 400);
});

test('platform refusals read in Chinese even when the platform wrote English', () => {
  assert.equal(platformMessage('X', '终端已停用', 403), '终端已停用');
  assert.match(platformMessage('TERMINAL_DISABLED', 'disabled', 403), /停用/);
  assert.match(platformMessage('INTERNAL', 'boom', 500), /繁忙/);
  assert.match(platformMessage('WEIRD', undefined, 400), /错误代码 WEIRD/);
});

test('APP_VERSION follows package.json', () => {
  assert.equal(APP_VERSION, JSON.parse(readFileSync('package.json', 'utf8')).version);
});
