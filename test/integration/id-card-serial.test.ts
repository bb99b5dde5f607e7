import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DaibanError } from '../../core/errors';
import { createSerialIdCardReader } from '../../station/id-card/serial-reader';
import { startSimulatedReader, type SimulatedReader } from '../../station/id-card/simulator';
import { requireTools } from '../helpers/system-tools';
import { TEST_CARD } from '../helpers/id-card';

/**
 * Issue #17: the serial driver against the simulated SAM module on a pseudo-terminal (socat), frame for frame
 * as at a counter. Each case ends with the right card or a Chinese error within a bounded time, and the port
 * is released: the next read opens the same line (serialport locks it while open).
 */

const TIMEOUT_MS = 400;
const BOUND_MS = TIMEOUT_MS * 4 + 500;

let sim: SimulatedReader;
before(async () => {
  requireTools('socat');
  sim = await startSimulatedReader();
});
after(() => sim?.close());

const reader = () => createSerialIdCardReader({ path: sim.path, commandTimeoutMs: TIMEOUT_MS, today: () => '2026-12-06' });

async function timed<T>(p: Promise<T>): Promise<{ ms: number; value?: T; error?: DaibanError }> {
  const start = performance.now();
  try {
    const value = await p;
    return { ms: performance.now() - start, value };
  } catch (e) {
    return { ms: performance.now() - start, error: e as DaibanError };
  }
}

async function expectGoodReadAfter(): Promise<void> {
  sim.misbehave('none');
  sim.place(TEST_CARD);
  const r = await timed(reader().read());
  assert.equal(r.error, undefined, r.error?.message);
  assert.equal(r.value!.card.idNumber, TEST_CARD.idNumber, 'the port was released and reads again');
}

test('a good card: found, selected, read and decoded by name', async () => {
  sim.place(TEST_CARD);
  const r = await timed(reader().read());
  assert.equal(r.error, undefined, r.error?.message);
  assert.deepEqual(
    {
      name: r.value!.card.name,
      gender: r.value!.card.gender,
      ethnicity: r.value!.card.ethnicity,
      birth: r.value!.card.birthDate,
      until: r.value!.card.validUntil,
    },
    { name: '王秀英', gender: 'female', ethnicity: '汉族', birth: '1958-03-12', until: null },
  );
  assert.deepEqual(sim.received.slice(-3), ['findCard', 'selectCard', 'readBasic']);
  assert.equal(await reader().probe(), 'card');
});

test('no card: ID_CARD_ABSENT at once, and probe says ready', async () => {
  sim.remove();
  const r = await timed(reader().read());
  assert.equal(r.error?.code, 'ID_CARD_ABSENT');
  assert.match(r.error!.message, /没有身份证/);
  assert.ok(r.ms < BOUND_MS);
  assert.equal(await reader().probe(), 'ready');
});

for (const [mode, code, words] of [
  ['remove-mid-read', 'ID_CARD_READ_FAILED', /移开/],
  ['checksum', 'ID_CARD_READ_FAILED', /无法识别/],
  ['garbage', 'ID_CARD_READ_FAILED', /无法识别/],
  ['silent', 'ID_CARD_READ_FAILED', /没有应答/],
] as const) {
  test(`${mode}: ${code} in Chinese within ${BOUND_MS} ms, the port released`, async () => {
    sim.place(TEST_CARD);
    sim.misbehave(mode);
    const r = await timed(reader().read());
    assert.equal(r.error?.code, code, r.error?.message ?? 'read succeeded');
    assert.match(r.error!.message, words);
    assert.ok(r.ms < BOUND_MS, `${Math.round(r.ms)} ms`);
    await expectGoodReadAfter();
  });
}

test('an expired card and a wrong check digit are read, and flagged', async () => {
  sim.misbehave('none');
  sim.place({ ...TEST_CARD, validUntil: '20251231', idNumber: '360781195803120021' });
  const r = await reader().read();
  assert.deepEqual(r.card.problems, ['expired', 'check_digit']);
});

test('no reader at that path, and a reader unplugged: ID_READER_UNAVAILABLE without waiting', async () => {
  const r = await timed(createSerialIdCardReader({ path: '/dev/ttyDAIBAN-none', today: () => '2026-12-06' }).read());
  assert.equal(r.error?.code, 'ID_READER_UNAVAILABLE');
  assert.match(r.error!.message, /未连接身份证读卡器/);
  const other = await startSimulatedReader();
  other.place(TEST_CARD);
  other.misbehave('silent');
  const pending = timed(createSerialIdCardReader({ path: other.path, commandTimeoutMs: 5_000, today: () => '2026-12-06' }).read());
  await new Promise((resolve) => setTimeout(resolve, 200));
  await other.close();
  const unplugged = await pending;
  assert.ok(unplugged.error, 'the read fails');
  assert.ok(unplugged.ms < 2_000, `the unplug ends the read (${Math.round(unplugged.ms)} ms), not its 5 s timeout`);
});
