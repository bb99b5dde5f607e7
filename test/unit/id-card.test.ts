import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ethnicityName } from '../../core/id-card/ethnicities';
import { answerFrame, commandFrame, COMMANDS, FrameReader, SW3, statusText } from '../../core/id-card/frames';
import { decodeTextBlock, encodeTextBlock } from '../../core/id-card/text-block';
import { TEST_CARD, TEST_CARD_READ } from '../helpers/id-card';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

test('frames as the module writes them: 寻找证/卡 and its answer, checksums included', () => {
  assert.equal(hex(commandFrame(COMMANDS.findCard)), 'AAAAAA96690003200122');
  assert.equal(hex(commandFrame(COMMANDS.readBasic)), 'AAAAAA96690003300132');
  assert.equal(hex(answerFrame(SW3.cardFound, [0, 0, 0, 0])), 'AAAAAA9669000800009F0000000097');
});

test('the frame reader finds frames across chunks, skips garbage and reports a bad checksum', () => {
  const r = new FrameReader();
  const good = answerFrame(SW3.ok, [1, 2, 3]);
  const bad = answerFrame(SW3.ok, [4]);
  bad[bad.length - 1]! ^= 0xff;
  const stream = Buffer.concat([Buffer.from([0x13, 0x37, 0xaa]), Buffer.from(good), Buffer.from(bad), Buffer.from(good)]);
  const out = [...r.push(stream.subarray(0, 9)), ...r.push(stream.subarray(9, 20)), ...r.push(stream.subarray(20))];
  assert.deepEqual(
    out.map((p) => p.kind),
    ['garbage', 'frame', 'bad-checksum', 'frame'],
  );
  const first = out[1]!;
  assert.ok(first.kind === 'frame');
  assert.deepEqual([...first.body], [0, 0, SW3.ok, 1, 2, 3]);
});

test('a preamble with an impossible length is garbage, not a wait for 65,535 bytes', () => {
  const r = new FrameReader();
  const out = r.push(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff, ...answerFrame(SW3.noCard)));
  // The stray preamble, then the two length bytes before the next one.
  assert.deepEqual(
    out.map((p) => p.kind),
    ['garbage', 'garbage', 'frame'],
  );
});

test('the text block decodes to names: 汉族, the date, 长期; flags an expired card and a wrong check digit', () => {
  const ok = decodeTextBlock(encodeTextBlock(TEST_CARD), '2026-12-06');
  assert.ok(ok.ok);
  assert.deepEqual(ok.card, { ...TEST_CARD_READ, ethnicityCode: '01', problems: [] });
  const expired = decodeTextBlock(encodeTextBlock({ ...TEST_CARD, validUntil: '20251231' }), '2026-12-06');
  assert.ok(expired.ok);
  assert.deepEqual(expired.card.problems, ['expired']);
  const forged = decodeTextBlock(encodeTextBlock({ ...TEST_CARD, idNumber: '360781195803120021' }), '2026-12-06');
  assert.ok(forged.ok);
  assert.deepEqual(forged.card.problems, ['check_digit']);
  assert.equal(ethnicityName('05'), '维吾尔族');
  assert.equal(ethnicityName('98'), '外国血统中国籍人士');
  assert.equal(ethnicityName('77'), null);
});

test('a block that is not a card is refused with a Chinese reason, whatever its bytes', () => {
  for (const bytes of [new Uint8Array(10), new Uint8Array(256), Uint8Array.from({ length: 256 }, (_, i) => (i * 37) & 0xff)]) {
    const r = decodeTextBlock(bytes, '2026-12-06');
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /[\u4e00-\u9fff]/);
  }
  assert.match(statusText(SW3.noCard), /没有身份证/);
  assert.match(statusText(0x77), /0x77/);
});
