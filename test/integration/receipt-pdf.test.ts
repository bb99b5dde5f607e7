import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import QRCode from 'qrcode';
import { createPdfDocument, drawQrCode, renderToBuffer } from '../../station/printing/pdf/pdf-document';
import { renderReceiptPdf } from '../../station/printing/documents/receipt-pdf';
import type { ReceiptData, ReceiptFormat } from '../../station/printing/documents/receipt-data';
import { assertSubsetFonts } from '../helpers/pdf-fonts';
import { FULL_ID_NUMBER, sampleReceipt } from '../helpers/receipt-fixture';
import { requireTools, runTool } from '../helpers/system-tools';

// The 受理回执 as a PDF, read back with poppler the way a person would read the paper.

let dir: string;

before(async () => {
  requireTools('pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm', 'zbarimg');
  dir = await mkdtemp(join(tmpdir(), 'daiban-receipt-'));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function render(data: ReceiptData, format: ReceiptFormat, name: string): Promise<{ path: string; pdf: Buffer }> {
  const pdf = await renderReceiptPdf(data, format);
  const path = join(dir, `${name}.pdf`);
  await writeFile(path, pdf);
  return { path, pdf };
}

const text = async (path: string): Promise<string> => (await runTool('pdftotext', ['-layout', path, '-'])).stdout;
const info = async (path: string): Promise<string> => (await runTool('pdfinfo', [path])).stdout;

/** pdftotext -layout may spread a label over columns; compare without whitespace. */
const squash = (s: string): string => s.replace(/\s+/g, '');

for (const format of ['80mm', 'a4'] as const) {
  test(`${format} receipt shows what the resident needs and never the full ID number`, async () => {
    const data = sampleReceipt();
    const { path, pdf } = await render(data, format, `receipt-${format}`);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const t = squash(await text(path));

    for (const expected of [
      '受理回执',
      '最低生活保障申请',
      '朝阳区民政局',
      '王秀兰',
      '110105********002X',
      '13812345678',
      '110105001001-20250304-0007',
      '2025年03月18日', // due date
      '2025年03月04日10:35', // 02:35Z in Asia/Shanghai
      '10个工作日',
      '李建国',
      '110105001001', // division code
      '户口簿',
      '居民身份证',
      '家庭收入及财产状况声明',
      '最低生活保障申请书',
      '原件及复印件',
      '复印件',
      '2份',
      '请妥善保管本回执',
      '010-65012345',
    ]) {
      assert.ok(t.includes(squash(expected)), `${format}: expected «${expected}» in the text:\n${t}`);
    }
    // The long service-point name wraps but is all there.
    assert.ok(t.includes(squash(data.servicePoint.name)), `${format}: service point name missing`);
    assert.ok(!t.includes(FULL_ID_NUMBER), 'the full ID number must never be printed');
    assert.ok(!t.includes('补打'), 'a first print is not a reprint');

    const meta = await info(path);
    assert.match(meta, /Title:\s+受理回执 110105001001-20250304-0007 最低生活保障申请/);
    assert.match(meta, /Author:\s+北京市朝阳区/);
    assert.match(meta, /Pages:\s+1\n/);
  });

  test(`${format} receipt embeds a subset of Noto Sans SC`, async () => {
    const { path } = await render(sampleReceipt(), format, `fonts-${format}`);
    const { rows, stdout } = await assertSubsetFonts(path);
    assert.ok(rows.some((r) => r.includes('NotoSansSC-Regular')) && rows.some((r) => r.includes('NotoSansSC-Bold')), stdout);
  });

  test(`${format} receipt QR code decodes to the signed receipt code, URL and all`, async () => {
    const data = sampleReceipt();
    const { path } = await render(data, format, `qr-${format}`);
    await runTool('pdftoppm', ['-png', '-r', '150', '-singlefile', path, join(dir, `qr-${format}`)]);
    const { stdout } = await runTool('zbarimg', ['-q', '--raw', join(dir, `qr-${format}.png`)]);
    assert.equal(stdout.trim(), data.code);
  });
}

test('80 mm receipt is 80 mm wide and only as tall as its content', async () => {
  const few = await render(sampleReceipt({ materials: sampleReceipt().materials.slice(0, 1) }), '80mm', 'short');
  const many = await render(
    sampleReceipt({
      materials: Array.from({ length: 12 }, (_, i) => ({ name: `证明材料第${i + 1}项`, formLabel: '原件', count: 1 })),
    }),
    '80mm',
    'long',
  );
  const size = (meta: string): [number, number] => {
    const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(meta);
    assert.ok(m, meta);
    return [Number(m[1]), Number(m[2])];
  };
  const [w1, h1] = size(await info(few.path));
  const [w2, h2] = size(await info(many.path));
  const mm = (pt: number): number => (pt * 25.4) / 72;
  assert.ok(Math.abs(mm(w1) - 80) < 0.1 && Math.abs(mm(w2) - 80) < 0.1, `width ${mm(w1)} mm`);
  // A receipt is a hand's length of paper, not a roll: between 10 and 40 cm, growing with the list.
  assert.ok(mm(h1) > 100 && mm(h1) < 300, `height ${mm(h1)} mm`);
  assert.ok(h2 > h1 + 11 * 10, `11 more materials should add at least 11 lines: ${h1} → ${h2} pt`);
  assert.ok(mm(h2) < 400, `height ${mm(h2)} mm`);
  // Everything is on the one page: the last line of the notices and the last material are there.
  const t = squash(await text(many.path));
  assert.ok(t.includes('证明材料第12项') && t.includes('一次性告知'), t);

  // The last text line ends near the bottom of the page: no blank paper after it.
  const bbox = (await runTool('pdftotext', ['-bbox', many.path, '-'])).stdout;
  const yMaxes = [...bbox.matchAll(/yMax="([\d.]+)"/g)].map((m) => Number(m[1]));
  const lastLine = Math.max(...yMaxes);
  assert.ok(h2 - lastLine < 12 * (72 / 25.4), `blank paper under the last line: ${(h2 - lastLine).toFixed(1)} pt`);
});

test('A4 receipt is one A4 page', async () => {
  const { path } = await render(sampleReceipt(), 'a4', 'a4-size');
  assert.match(await info(path), /Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/);
});

test('ten materials (the most any seed item asks for) still fit on one A4 sheet', async () => {
  const materials = Array.from({ length: 10 }, (_, i) => ({ name: `材料${i + 1}`, formLabel: '原件', count: 1 }));
  const { path } = await render(sampleReceipt({ materials }), 'a4', 'a4-ten-materials');
  assert.match(await info(path), /Pages:\s+1\n/);
});

test('a very long material list runs onto A4 continuation pages, each naming the receipt', async () => {
  const materials = Array.from({ length: 40 }, (_, i) => ({ name: `证明材料第${i + 1}项（村委会出具）`, formLabel: '原件', count: 1 }));
  const { path } = await render(sampleReceipt({ materials }), 'a4', 'a4-long');
  const pages = Number(/Pages:\s+(\d+)/.exec(await info(path))?.[1]);
  assert.ok(pages >= 2 && pages <= 3, `pages: ${pages}`);
  let all = '';
  for (let p = 1; p <= pages; p++) {
    const page = squash((await runTool('pdftotext', ['-f', String(p), '-l', String(p), '-layout', path, '-'])).stdout);
    assert.ok(page.includes('110105001001-20250304-0007'), `page ${p} lacks the receipt number`);
    if (p > 1) assert.ok(page.includes('续页'), `page ${p} lacks the continuation header`);
    all += page;
  }
  for (const expected of ['证明材料第1项', '证明材料第40项', '温馨提示', '代办员（签字）：李建国']) {
    assert.ok(all.includes(squash(expected)), `missing «${expected}»`);
  }
});

test('a reprint says 补打 in both formats, with the reprint time', async () => {
  for (const format of ['80mm', 'a4'] as const) {
    const { path } = await render(sampleReceipt({ reprint: true, printedAt: '2025-03-05T01:00:00Z' }), format, `reprint-${format}`);
    const t = squash(await text(path));
    assert.ok(t.includes('补打'), `${format}: ${t}`);
    assert.ok(t.includes('补打时间：2025年03月05日09:00'), `${format}: ${t}`);
    assert.match(await info(path), /Title:\s+受理回执（补打）/);
  }
});

test('an applicant without a phone gets no empty phone line on 80 mm', async () => {
  const data = sampleReceipt();
  const { path } = await render({ ...data, applicant: { name: data.applicant.name, idNumberMasked: data.applicant.idNumberMasked } }, '80mm', 'nophone');
  const t = squash(await text(path));
  assert.ok(!t.includes('联系电话'), t);
});

test('drawQrCode draws vector modules, as many per side as QRCode.create gives', async () => {
  const text = '01956a7c-3b2e-7d41-9c0a-5f1e2d3c4b5a';
  const doc = createPdfDocument({ info: { title: 'QR' }, size: [200, 200] });
  const drawn = drawQrCode(doc, text, { x: 20, y: 20, size: 160, quietZone: 4 });
  const pdf = await renderToBuffer(doc);
  assert.equal(drawn, QRCode.create(text, { errorCorrectionLevel: 'M' }).modules.size);
  assert.ok(!pdf.includes('/Subtype /Image'), 'the QR code must be vector squares, not an image');
  const path = join(dir, 'qr-only.pdf');
  await writeFile(path, pdf);
  await runTool('pdftoppm', ['-png', '-r', '72', '-singlefile', path, join(dir, 'qr-only')]);
  const { stdout } = await runTool('zbarimg', ['-q', '--raw', join(dir, 'qr-only.png')]);
  assert.equal(stdout.trim(), text);
});
