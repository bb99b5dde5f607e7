import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { IdCardStatusView } from '../../core/api/id-card-methods';
import { createSerialIdCardReader } from '../../station/id-card/serial-reader';
import { startSimulatedReader, type SimulatedReader } from '../../station/id-card/simulator';
import { refused } from '../helpers/refusals';
import { makeStation, REVIEWER, type TestStation } from '../helpers/station';
import { requireTools } from '../helpers/system-tools';
import { TEST_CARD, TEST_CARD_READ } from '../helpers/id-card';

/**
 * Issue #17 at the station: the reader's state comes as events (a card placed, taken away, the reader
 * unplugged), a read finds a registered resident or gives a new one's fields, and is audited without the
 * card's contents.
 */

let sim: SimulatedReader;
let t: TestStation;
const states: IdCardStatusView['state'][] = [];

before(async () => {
  requireTools('socat');
  sim = await startSimulatedReader();
  t = await makeStation({ idCard: { reader: createSerialIdCardReader({ path: sim.path, commandTimeoutMs: 400, today: () => '2026-12-06' }), pollMs: 50 } });
  t.station.onEvent((e) => {
    if (e.type === 'idCard.state') states.push(e.status.state);
  });
});
after(async () => {
  t?.cleanup();
  await sim?.close();
});

async function until(state: IdCardStatusView['state']): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await t.station.call('idCard.status', {})).state === state) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`the reader never became ${state}: ${states.join(' → ')}`);
}

test('a card placed and taken away shows in the state; a new resident is read with its fields, the next time found by number', async () => {
  await until('ready');
  sim.place(TEST_CARD);
  await until('card');
  const first = await t.station.call('idCard.read', {});
  assert.equal(first.resident, null);
  assert.deepEqual(first.card, TEST_CARD_READ);
  assert.deepEqual(first.warnings, []);
  const registered = await t.station.call('residents.register', { idNumber: first.card.idNumber, name: first.card.name, address: first.card.address });
  const second = await t.station.call('idCard.read', {});
  assert.equal(second.resident?.id, registered.id);
  sim.remove();
  await until('ready');
  assert.ok(states.includes('card') && states.at(-1) === 'ready', states.join(' → '));

  const audit = t.station.ctx.db.prepare(`SELECT actor_id, entity_id, detail FROM audit_log WHERE action = 'id_card_read' ORDER BY seq`).all() as {
    actor_id: string;
    entity_id: string | null;
    detail: string;
  }[];
  assert.equal(audit.length, 2);
  assert.equal(audit[0]!.entity_id, null);
  assert.equal(audit[1]!.entity_id, registered.id);
  for (const a of audit) assert.ok(!a.detail.includes(TEST_CARD.idNumber) && !a.detail.includes(TEST_CARD.name), 'nothing from the card in the audit');
});

test('no card, an expired card, an unplugged reader; a reviewer may not read', async () => {
  sim.remove();
  await refused(t.station.call('idCard.read', {}), 'ID_CARD_ABSENT');
  sim.place({ ...TEST_CARD, validUntil: '20251231' });
  const expired = await t.station.call('idCard.read', {});
  assert.deepEqual(expired.warnings, ['该身份证已过有效期限，请提醒居民及时换领']);
  await t.station.call('session.logout', {});
  await t.station.call('session.login', { username: REVIEWER.username, password: REVIEWER.password });
  await refused(t.station.call('idCard.read', {}), 'FORBIDDEN');
  await sim.close();
  await until('error');
  const status = await t.station.call('idCard.status', {});
  assert.match(status.message ?? '', /未连接身份证读卡器/);
});

test('a terminal without a reader says so in Chinese', async () => {
  const bare = await makeStation();
  try {
    assert.deepEqual(await bare.station.call('idCard.status', {}), { state: 'none', label: null, message: null });
    const e = await refused(bare.station.call('idCard.read', {}), 'ID_READER_UNAVAILABLE');
    assert.match(e.message, /没有配置身份证读卡器/);
  } finally {
    bare.cleanup();
  }
});
