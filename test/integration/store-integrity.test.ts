import assert from 'node:assert/strict';
import { closeSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { StationEvent } from '../../station/runtime/events';
import { refused } from '../helpers/refusals';
import { makeStation } from '../helpers/station';
import { idNumber } from '../helpers/sync';

/**
 * Issue #18: the store's quick_check runs in a worker thread after the store opened, not in the way of the
 * first screen. A sound store reports ok; a store with a damaged page opens (a wrong key still would not),
 * then the check reports it, every screen shows it, and changes are refused while reading and backups go on.
 */

async function verdict(events: StationEvent[], station: { ctx: { storeIntegrity(): { state: string } } }): Promise<string> {
  for (let i = 0; i < 200 && station.ctx.storeIntegrity().state === 'checking'; i++) await new Promise((r) => setTimeout(r, 50));
  const state = station.ctx.storeIntegrity().state;
  assert.notEqual(state, 'checking', 'the check reports within 10 s');
  assert.ok(events.some((e) => e.type === 'store.integrity' && e.state === state));
  return state;
}

test('a sound store opens at once and its background check reports ok', async () => {
  const t = await makeStation();
  try {
    const s = t.reopen();
    const events: StationEvent[] = [];
    s.onEvent((e) => events.push(e));
    assert.equal((await s.call('diagnostics.storeState', {})).state, 'checking');
    assert.equal(await verdict(events, s), 'ok');
    assert.equal((await s.call('diagnostics.storeState', {})).state, 'ok');
  } finally {
    t.cleanup();
  }
});

test('a damaged page is found in the background: changes are refused in Chinese, reading still works', async () => {
  const t = await makeStation();
  try {
    // Enough residents that their pages lie well past what opening the store reads.
    for (let i = 0; i < 1500; i++) await t.station.call('residents.register', { idNumber: idNumber(3000 + i), name: '刘德福' });
    await t.station.close();
    const file = join(t.dataDir, 'daiban.db');
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    try {
      const at = Math.floor((size * 0.6) / 4096) * 4096 + 1000; // inside a page: its HMAC no longer matches
      const byte = Buffer.alloc(16);
      readSync(fd, byte, 0, 16, at);
      writeSync(fd, Buffer.from(byte.map((b) => b ^ 0xff)), 0, 16, at);
    } finally {
      closeSync(fd);
    }
    const s = t.reopen();
    const events: StationEvent[] = [];
    s.onEvent((e) => events.push(e));
    assert.equal(await verdict(events, s), 'failed');
    await s.call('session.login', { username: 'cadre01', password: 'Daiban2026' });
    const e = await refused(s.call('residents.register', { idNumber: idNumber(9999), name: '王秀英' }), 'STORE_CORRUPT');
    assert.match(e.message, /完整性检查未通过/);
    assert.equal((await s.call('diagnostics.storeState', {})).state, 'failed');
    assert.ok((await s.call('applications.list', { limit: 5 })).items.length >= 0, 'reading goes on');
  } finally {
    t.cleanup();
  }
});
