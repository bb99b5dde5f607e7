import assert from 'node:assert/strict';
import { test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { SEED_CATALOG } from '../../core/catalog/seed';
import type { HouseholdSaved, ResidentSaved } from '../../core/sync/messages';
import { findUserById, listDeferredChanges } from '../../db';
import { applyDeferredChanges } from '../../station/sync/apply-changes';
import { submittedBody } from '../helpers/platform';
import { feed, receivedChange } from '../helpers/review';
import { makeStation, silentLog, TEST_VILLAGE } from '../helpers/station';
import { idNumber } from '../helpers/sync';

/**
 * Issue #16 part 2 on a village terminal: what its other terminals did, arriving through the feed, lands on this
 * PC's own rows (a resident is their ID number), the newest edit wins, and what cannot be placed yet waits
 * instead of being lost behind the cursor.
 */

const saved = (o: { n: number; name: string; phone?: string | null; updatedAt: string }): ResidentSaved => ({
  divisionCode: TEST_VILLAGE,
  resident: { id: uuidv7(), idNumber: idNumber(o.n), name: o.name, gender: 'male', birthDate: '1956-03-14', phone: o.phone ?? null, address: null },
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: o.updatedAt,
  by: { id: 'cadre-of-terminal-2', name: '钟晓燕' },
});

test("a resident another terminal saved lands on this PC's row for that ID number; the newer edit wins", async () => {
  const t = await makeStation();
  try {
    const s = t.station;
    const mine = await s.call('residents.register', { idNumber: idNumber(601), name: '曾广福', phone: '13907976010' });
    // Older than this PC's registration: nothing changes.
    feed(s, [{ kind: 'resident.saved', body: saved({ n: 601, name: '曾光福', updatedAt: '2026-01-01T00:00:00.000Z' }) }]);
    assert.equal((await s.call('residents.get', { id: mine.id })).name, '曾广福');
    // Newer: the same row (this PC's id) takes the new name and phone, and the pinyin search finds it by them.
    feed(s, [{ kind: 'resident.saved', body: saved({ n: 601, name: '曾光福', phone: '13907976999', updatedAt: '2099-01-01T00:00:00.000Z' }) }]);
    const after = await s.call('residents.get', { id: mine.id });
    assert.deepEqual([after.name, after.phone], ['曾光福', '13907976999']);
    assert.deepEqual(
      (await s.call('residents.search', { query: 'zgf', limit: 5 })).map((r) => r.id),
      [mine.id],
    );
    // Someone new, named by a cadre this PC has no account for: a placeholder that cannot log in.
    const stranger = saved({ n: 602, name: '钟晓军', updatedAt: '2026-11-02T00:00:00.000Z' });
    feed(s, [{ kind: 'resident.saved', body: stranger }]);
    assert.equal((await s.call('residents.search', { query: idNumber(602), limit: 5 }))[0]!.name, '钟晓军');
    const placeholder = findUserById(s.ctx.db, 'cadre-of-terminal-2')!;
    assert.equal(placeholder.disabled, true);
    assert.equal(placeholder.displayName, '钟晓燕');
    await s.call('session.logout', {});
    await assert.rejects(s.call('session.login', { username: placeholder.username, password: '!' }));
  } finally {
    t.cleanup();
  }
});

test('a household from another terminal: members this PC knows, moved out of another household as they were there', async () => {
  const t = await makeStation();
  try {
    const s = t.station;
    const [father, son, other] = await Promise.all([
      s.call('residents.register', { idNumber: idNumber(611), name: '谢长春' }),
      s.call('residents.register', { idNumber: idNumber(612), name: '谢小龙' }),
      s.call('residents.register', { idNumber: idNumber(613), name: '谢长林' }),
    ]);
    await s.call('households.save', {
      members: [
        { residentId: other.id, relation: '户主' },
        { residentId: son.id, relation: '其他' },
      ],
    });
    const body: HouseholdSaved = {
      householdId: uuidv7(),
      divisionCode: TEST_VILLAGE,
      members: [
        { idNumber: idNumber(611), relation: '户主' },
        { idNumber: idNumber(612), relation: '子女' },
        { idNumber: idNumber(619), relation: '配偶' }, // not on this PC yet
      ],
      createdAt: '2099-01-01T00:00:00.000Z',
      updatedAt: '2099-01-01T00:00:00.000Z',
      by: { id: 'cadre-of-terminal-2', name: '钟晓燕' },
    };
    feed(s, [{ kind: 'household.saved', body }]);
    const home = await s.call('households.ofResident', { residentId: father.id });
    assert.deepEqual(
      home?.members.map((m) => [m.name, m.relation]),
      [
        ['谢长春', '户主'],
        ['谢小龙', '子女'],
      ],
    );
    assert.deepEqual(
      (await s.call('households.ofResident', { residentId: other.id }))?.members.map((m) => m.name),
      ['谢长林'],
    );
  } finally {
    t.cleanup();
  }
});

test('an application whose catalog version has not arrived waits, and is placed once it has; one without its content is skipped', async () => {
  const t = await makeStation();
  try {
    const s = t.station;
    const later = { ...SEED_CATALOG, version: '2027.1' };
    const sub = submittedBody(TEST_VILLAGE, { catalogVersion: later.version });
    feed(s, [
      receivedChange(sub),
      { kind: 'application.received', body: { applicationId: uuidv7(), receiptNo: 'x', status: 'withdrawn', receivedAt: sub.submittedAt } },
    ]);
    await assert.rejects(s.call('applications.get', { id: sub.applicationId }), (e: { code?: string }) => e.code === 'NOT_FOUND');
    assert.equal(listDeferredChanges(s.ctx.db, ['application.received'], 10).length, 1, 'kept, not lost behind the cursor');
    feed(s, [{ kind: 'catalog.published', body: { catalog: later } }]);
    s.ctx.catalog.reload();
    applyDeferredChanges(s.ctx.db, new Date().toISOString(), silentLog);
    const placed = await s.call('applications.get', { id: sub.applicationId });
    assert.equal(placed.receiptNo, sub.receiptNo);
    assert.equal(placed.residentName, '王秀英');
    assert.equal(placed.attachments.length, 1);
    assert.equal(listDeferredChanges(s.ctx.db, ['application.received'], 10).length, 0);
    // Its scan is not on this PC, and there is no platform to fetch it from: said in Chinese.
    await assert.rejects(s.call('attachments.read', { id: placed.attachments[0]!.id }), (e: { code?: string; message: string }) => {
      assert.match(e.message, /[\u4e00-\u9fff]/);
      return e.code === 'PLATFORM_UNREACHABLE';
    });
  } finally {
    t.cleanup();
  }
});
