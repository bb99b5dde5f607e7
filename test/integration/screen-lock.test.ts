import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { provisionStation } from '../../station/setup/provision';
import { CADRE, makeStation, TEST_VILLAGE, type TestStation } from '../helpers/station';

const ADMIN = { username: 'admin01', password: 'Admin2026x', displayName: '王建华' } as const;

/** The screen lock on the station's side: while locked, only the logged-in user's password does anything. */
let t: TestStation | null = null;
afterEach(() => t?.cleanup());

const refusedWith = (code: string) => (e: { code: string }) => e.code === code;

test('a locked station refuses every call but unlock; the right password opens it, the work is still there', async () => {
  t = await makeStation();
  const api = t.station;
  const resident = await api.call('residents.register', { idNumber: '360781195603140020', name: '钟桂香' });
  await api.call('session.lock', {});
  const view = await api.call('session.current', {});
  assert.equal(view.locked, true);
  assert.equal(view.idleLockMinutes, 5, 'five minutes unless the admin says otherwise');
  await assert.rejects(api.call('residents.get', { id: resident.id }), refusedWith('SESSION_LOCKED'));
  await assert.rejects(api.call('applications.list', { limit: 5 }), refusedWith('SESSION_LOCKED'));
  await assert.rejects(api.call('session.unlock', { password: 'wrong-one1' }), (e: { code: string; message: string }) => {
    assert.equal(e.code, 'AUTH_FAILED');
    assert.match(e.message, /还可以再试4次/);
    return true;
  });
  await api.call('session.unlock', { password: CADRE.password });
  assert.equal((await api.call('session.current', {})).locked, false);
  assert.equal((await api.call('residents.get', { id: resident.id })).name, '钟桂香');
});

test('five wrong passwords at the lock sign the user out; every try is in the audit chain', async () => {
  t = await makeStation();
  const api = t.station;
  await api.call('session.lock', {});
  for (let i = 0; i < 4; i++) await assert.rejects(api.call('session.unlock', { password: `guess${i}abc` }), refusedWith('AUTH_FAILED'));
  await assert.rejects(api.call('session.unlock', { password: 'guess5abc' }), (e: { code: string; message: string }) => {
    assert.equal(e.code, 'AUTH_REQUIRED');
    assert.match(e.message, /已退出登录/);
    return true;
  });
  const after = await api.call('session.current', {});
  assert.equal(after.user, null);
  assert.equal(after.locked, false);
  const actions = t.station.ctx.db.prepare(`SELECT action FROM audit_log WHERE action LIKE 'screen_%' ORDER BY seq`).all() as { action: string }[];
  assert.deepEqual(
    actions.map((a) => a.action),
    ['screen_locked', ...Array(4).fill('screen_unlock_failed'), 'screen_unlock_signed_out'],
  );
});

test('only the admin sets the idle time, between 1 and 60 minutes', async () => {
  t = await makeStation();
  await provisionStation(t.station, {
    servicePoint: { name: '华屋村代办点', divisionCode: TEST_VILLAGE, terminalNo: 1 },
    users: [{ ...ADMIN, role: 'admin' }],
  });
  await assert.rejects(t.station.call('session.setIdleLock', { minutes: 10 }), refusedWith('FORBIDDEN'));
  await t.station.call('session.logout', {});
  await t.station.call('session.login', { username: ADMIN.username, password: ADMIN.password });
  assert.equal((await t.station.call('session.setIdleLock', { minutes: 10 })).idleLockMinutes, 10);
  await assert.rejects(t.station.call('session.setIdleLock', { minutes: 0 }), refusedWith('INVALID_INPUT'));
  await assert.rejects(t.station.call('session.setIdleLock', { minutes: 61 }), refusedWith('INVALID_INPUT'));
  await assert.rejects(t.station.call('session.setIdleLock', { minutes: 2.5 }), refusedWith('INVALID_INPUT'));
  assert.equal((await t.station.call('session.current', {})).idleLockMinutes, 10);
});
