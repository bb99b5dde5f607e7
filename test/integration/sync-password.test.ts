import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningPlatform } from '../../platform';
import { enrolledStation, PLATFORM_CADRE, startTestPlatform, type SyncTestStation } from '../helpers/sync';

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
