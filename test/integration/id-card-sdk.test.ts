import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { encodeTextBlock } from '../../core/id-card/text-block';
import { readerFromConfigFile } from '../../station/id-card/config';
import { createSdkIdCardReader, loadSdtApi, loadWltApi, type SdtApi } from '../../station/id-card/sdk-reader';
import { requireTools } from '../helpers/system-tools';

/**
 * Issue #17: the vendor-SDK driver through koffi against a fake library with the same C interface as
 * sdtapi.dll and WltRS.dll (test/fixtures/fake-sdtapi.c), compiled here with gcc: the real ones load on
 * Windows only. docs/devices.md says what was verified where.
 */

let dir: string;
let api: SdtApi;
let lib: string;

before(() => {
  requireTools('gcc');
  dir = mkdtempSync(join(tmpdir(), 'daiban-sdt-'));
  lib = join(dir, 'libfakesdt.so');
  execFileSync('gcc', ['-shared', '-fPIC', '-O2', '-o', lib, 'test/fixtures/fake-sdtapi.c']);
  api = loadSdtApi(lib);
  const text = encodeTextBlock({
    name: '李建国',
    gender: 'male',
    ethnicityCode: '03',
    birth: '19470805',
    address: '江西省瑞金市叶坪乡洋溪村5组3号',
    idNumber: '360781194708050031',
    authority: '瑞金市公安局',
    validFrom: '20120101',
    validUntil: '长期',
  });
  writeFileSync(join(dir, 'text.bin'), text);
  process.env.FAKE_SDT_TEXT = join(dir, 'text.bin');
});
after(() => {
  delete process.env.FAKE_SDT_MODE;
  rmSync(dir, { recursive: true, force: true });
});

const reader = (o: { timeoutMs?: number; photo?: boolean } = {}) =>
  createSdkIdCardReader({ api, port: 1001, timeoutMs: o.timeoutMs, wlt: o.photo ? loadWltApi(lib) : undefined, today: () => '2026-12-06' });

test('a card through the SDK: the text block decoded, the photo through unpack when configured', async () => {
  process.env.FAKE_SDT_MODE = 'card';
  const r = await reader({ photo: true }).read();
  assert.equal(r.card.name, '李建国');
  assert.equal(r.card.ethnicity, '回族');
  assert.equal(r.card.gender, 'male');
  assert.ok(r.photoBmp && Buffer.from(r.photoBmp.subarray(0, 2)).toString('latin1') === 'BM');
  assert.equal((await reader().read()).photoBmp, null, 'no photo library, no photo');
  assert.equal(await reader().probe(), 'card');
});

test('no card, a failed select, an unplugged reader and a library that hangs: Chinese errors, in time', async () => {
  const cases = [
    ['none', 'ID_CARD_ABSENT', /没有身份证/],
    ['select_fails', 'ID_CARD_READ_FAILED', /移开/],
    ['unplugged', 'ID_READER_UNAVAILABLE', /打不开身份证读卡器/],
  ] as const;
  for (const [mode, code, words] of cases) {
    process.env.FAKE_SDT_MODE = mode;
    await assert.rejects(reader().read(), (e: { code: string; message: string }) => e.code === code && words.test(e.message), mode);
  }
  process.env.FAKE_SDT_MODE = 'slow';
  const start = performance.now();
  await assert.rejects(reader({ timeoutMs: 500 }).read(), (e: { code: string }) => e.code === 'ID_CARD_READ_FAILED');
  assert.ok(performance.now() - start < 1_500, 'the station does not wait for the library');
  process.env.FAKE_SDT_MODE = 'card';
});

test('id-card.json picks the reader; a file that cannot be used is said in Chinese and the terminal runs without one', async () => {
  const file = join(dir, 'id-card.json');
  writeFileSync(file, JSON.stringify({ kind: 'sdk', library: lib, port: 1001, photoLibrary: lib }));
  const warnings: string[] = [];
  const fromFile = readerFromConfigFile(file, (m) => warnings.push(m));
  assert.ok(fromFile);
  process.env.FAKE_SDT_MODE = 'card';
  assert.equal((await fromFile.read()).card.name, '李建国');
  assert.equal(
    readerFromConfigFile(join(dir, 'none.json'), (m) => warnings.push(m)),
    null,
  );
  for (const bad of ['{"kind":"usb"}', 'not json', JSON.stringify({ kind: 'sdk', library: join(dir, 'missing.dll'), port: 1 })]) {
    writeFileSync(file, bad);
    assert.equal(
      readerFromConfigFile(file, (m) => warnings.push(m)),
      null,
    );
  }
  assert.equal(warnings.length, 3);
  for (const w of warnings) assert.match(w, /^身份证读卡器配置 .* 无法使用.*本机按无读卡器运行$/s);
});
