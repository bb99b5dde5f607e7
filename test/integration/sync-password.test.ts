import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningPlatform } from '../../platform';
import { enrolledStation, freshStation, issueCode, PLATFORM_CADRE, startTestPlatform, SYNC_VILLAGE, type SyncTestStation } from '../helpers/sync';

/** A password changed on one terminal goes up as an outbox message and down to the village's other terminals. */
let platform: RunningPlatform;
const terminals: SyncTestStation[] = [];

before(async () => {
  platform = await startTestPlatform();
});
after(async () => {
  for (const t of terminals) await t.cleanup();
  await platform.close();
});

test('a password change reaches the platform and the other terminal of the village', { timeout: 60_000 }, async () => {
  const a = await enrolledStation(platform);
  const b = await enrolledStation(platform);
  terminals.push(a, b);
  const newPassword = 'Huawu2026new';
  await a.station.call('session.changePassword', { oldPassword: PLATFORM_CADRE.password, newPassword });
  const up = await a.station.call('sync.now', {});
  assert.deepEqual([up.pending, up.problems], [0, []]);

  await b.station.call('session.logout', {});
  await b.station.sync.syncNow();
  await assert.rejects(b.station.call('session.login', { username: PLATFORM_CADRE.username, password: PLATFORM_CADRE.password }), { code: 'AUTH_FAILED' });
  const user = await b.station.call('session.login', { username: PLATFORM_CADRE.username, password: newPassword });
  assert.equal(user.username, PLATFORM_CADRE.username);

  // Terminal A, hearing its own change back, keeps the new password too.
  await a.station.sync.syncNow();
  await a.station.call('session.logout', {});
  await a.station.call('session.login', { username: PLATFORM_CADRE.username, password: newPassword });
});

test('after IT resets a password the next login must choose a new one, and nothing else works until then', { timeout: 60_000 }, async () => {
  const cadre = { username: 'zhong01', displayName: '钟桂香', role: 'cadre' as const, divisionCode: SYNC_VILLAGE };
  await platform.admin.createAccount({ ...cadre, password: 'First2026abc' });
  const issued = 'Reset2026abc';
  await platform.admin.resetPassword(cadre.username, issued);
  const t = freshStation();
  terminals.push(t);
  await t.station.call('sync.enroll', { platformUrl: platform.url, code: await issueCode(platform) });

  const user = await t.station.call('session.login', { username: cadre.username, password: issued });
  assert.equal(user.mustChangePassword, true, 'the login says a change is owed');
  assert.equal((await t.station.call('session.current', {})).user?.mustChangePassword, true);
  await assert.rejects(t.station.call('residents.search', { query: '王', limit: 5 }), (e: { code: string; message: string }) => {
    assert.equal(e.code, 'PASSWORD_CHANGE_REQUIRED');
    assert.match(e.message, /请先修改为您自己的密码/);
    return true;
  });
  await assert.rejects(t.station.call('session.changePassword', { oldPassword: issued, newPassword: issued }), { code: 'INVALID_INPUT' });

  const own = 'Mine2026xyz';
  await t.station.call('session.changePassword', { oldPassword: issued, newPassword: own });
  assert.equal((await t.station.call('session.current', {})).user?.mustChangePassword, false);
  assert.deepEqual(await t.station.call('residents.search', { query: '王', limit: 5 }), []);

  // Up to the platform: the flag is cleared there, and a sync that brings the account back keeps it cleared.
  const up = await t.station.call('sync.now', {});
  assert.deepEqual([up.pending, up.problems], [0, []]);
  const [row] = await platform.db.query<{ must_change_password: boolean }>('SELECT must_change_password FROM accounts WHERE username = $1', [
    PLATFORM_CADRE.username,
  ]);
  assert.equal(row!.must_change_password, false);
  await t.station.sync.syncNow();
  await t.station.call('session.logout', {});
  const again = await t.station.call('session.login', { username: cadre.username, password: own });
  assert.equal(again.mustChangePassword, false);
});
