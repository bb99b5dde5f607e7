/**
 * The station's login tells nobody which accounts exist (issue #12): an unknown name and a wrong password
 * get the same answers, in the same order, in about the same time; a disabled account says so only to
 * its right password. And a change the terminal cannot apply yet is kept, then applied by a version that can.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { keepDeferredChange } from '../../db';
import { applyDeferredChanges } from '../../station/sync/apply-changes';
import { CADRE, makeStation, silentLog, type TestStation } from '../helpers/station';

let t: TestStation;
before(async () => {
  t = await makeStation({ login: false });
});
after(() => t.cleanup());

async function attempt(username: string, password: string): Promise<{ code: string; message: string; ms: number }> {
  const started = performance.now();
  try {
    await t.station.call('session.login', { username, password });
    return { code: 'OK', message: '', ms: performance.now() - started };
  } catch (e) {
    const err = e as { code: string; message: string };
    return { code: err.code, message: err.message, ms: performance.now() - started };
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

test('an unknown name and a wrong password: the same answers, in the same time, and both lock', async () => {
  // Warm up (the first scrypt of a process, the decoy hash) so neither side pays for it.
  await attempt('warm_up', 'Whatever2026');
  await attempt(CADRE.username, CADRE.password);
  await t.station.call('session.logout', {});
  const unknown: { code: string; message: string; ms: number }[] = [];
  const wrong: { code: string; message: string; ms: number }[] = [];
  for (let i = 0; i < 5; i++) {
    unknown.push(await attempt('nobody_here', `Wrong${i}x2026`));
    wrong.push(await attempt(CADRE.username, `Wrong${i}x2026`));
  }
  assert.deepEqual(
    unknown.map((a) => [a.code, a.message]),
    wrong.map((a) => [a.code, a.message]),
  );
  assert.equal(wrong[0]!.code, 'AUTH_FAILED');
  assert.equal(wrong[4]!.code, 'ACCOUNT_LOCKED');
  // Locked alike, too.
  const lockedUnknown = await attempt('nobody_here', 'Whatever2026');
  const lockedKnown = await attempt(CADRE.username, CADRE.password);
  assert.equal(lockedUnknown.code, 'ACCOUNT_LOCKED');
  assert.equal(lockedKnown.code, 'ACCOUNT_LOCKED');
  // Both cost a full scrypt check: the medians of the first four tries are within a factor of two.
  const [u, w] = [median(unknown.slice(0, 4).map((a) => a.ms)), median(wrong.slice(0, 4).map((a) => a.ms))];
  assert.ok(u > w / 2 && u < w * 2, `unknown ${u.toFixed(1)} ms, wrong password ${w.toFixed(1)} ms`);
});

test('a change kept by an older version (unknown to it) is applied by one that knows its kind, once', () => {
  const db = t.station.ctx.db;
  const catalog = { ...SEED_CATALOG, version: '2027.1' };
  db.transaction(() =>
    keepDeferredChange(
      db,
      {
        cursor: '77',
        kind: 'catalog.published',
        divisionCode: '000000000000',
        body: JSON.stringify({ catalog }),
        at: new Date().toISOString(),
        reason: 'unknown_kind',
      },
      new Date().toISOString(),
    ),
  )();
  keepDeferredChange(
    db,
    { cursor: '78', kind: 'notice.broadcast', divisionCode: '000000000000', body: '{"text":"通知"}', at: new Date().toISOString(), reason: 'unknown_kind' },
    new Date().toISOString(),
  );
  const effects = applyDeferredChanges(db, new Date().toISOString(), silentLog);
  assert.equal(effects.applied, 1);
  assert.equal(effects.catalogChanged, true);
  assert.deepEqual(
    (db.prepare('SELECT kind FROM deferred_changes ORDER BY cursor').all() as { kind: string }[]).map((c) => c.kind),
    ['notice.broadcast'],
    'the kind still unknown stays kept',
  );
  const versions = db.prepare('SELECT version FROM catalog_versions ORDER BY version').all() as { version: string }[];
  assert.ok(versions.some((v) => v.version === '2027.1'));
  assert.equal(applyDeferredChanges(db, new Date().toISOString(), silentLog).applied, 0, 'applied once');
});
