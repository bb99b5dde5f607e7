import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { isDaibanError } from '../../core/errors';
import { CupsPrinter } from '../../station/printing/ports/cups-printer';
import { PdfFilePrinter } from '../../station/printing/ports/pdf-file-printer';
import { createPrinterPort } from '../../station/printing/ports/printers';
import { renderReceiptPdf } from '../../station/printing/documents/receipt-pdf';
import { ensureCupsPdfPrinter, waitForCupsPdfOutput } from '../helpers/cups';
import { sampleReceipt } from '../helpers/receipt-fixture';
import { requireTools, runTool } from '../helpers/system-tools';

// Printing through the real CUPS into a cups-pdf queue, and "save as PDF".

const HAN = /[\u4e00-\u9fff]/;
let cups: { printerName: string; outputDir: string };
let tmp: string;

before(async () => {
  requireTools('pdftotext', 'pdfinfo');
  cups = await ensureCupsPdfPrinter();
  tmp = await mkdtemp(join(tmpdir(), 'daiban-print-test-'));
});

after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

test('CUPS lists the cups-pdf queue', async () => {
  const printers = await new CupsPrinter().list();
  const queue = printers.find((p) => p.id === `cups:${cups.printerName}`);
  assert.ok(queue, JSON.stringify(printers));
  assert.equal(queue.kind, 'cups');
  assert.equal(queue.name, 'Daiban 测试 PDF 打印机');
  assert.equal(typeof queue.isDefault, 'boolean');
});

test('an 80 mm receipt printed through CUPS comes out with its receipt number, 80 mm wide', async () => {
  const data = sampleReceipt({ receiptNo: `110105001001-20250304-${String(Date.now() % 10000).padStart(4, '0')}` });
  const pdf = await renderReceiptPdf(data, '80mm');
  const { jobRef } = await new CupsPrinter().print(`cups:${cups.printerName}`, {
    pdf,
    title: `受理回执 ${data.receiptNo}`,
    copies: 1,
    paper: '80mm',
  });
  assert.match(jobRef, new RegExp(`^${cups.printerName}-\\d+$`));

  const out = await waitForCupsPdfOutput(cups.outputDir, jobRef, 20_000);
  const text = (await runTool('pdftotext', ['-layout', out, '-'])).stdout;
  assert.ok(text.includes(data.receiptNo), `receipt number not found in the printed PDF:\n${text}`);
  assert.ok(text.includes('受理回执'), text);
  const meta = (await runTool('pdfinfo', [out])).stdout;
  const width = Number(/Page size:\s+([\d.]+) x/.exec(meta)?.[1]);
  assert.ok(Math.abs((width * 25.4) / 72 - 80) < 1, `media should be 80 mm wide: ${meta}`);
});

test('an A4 receipt printed through the composed port reaches the queue', async () => {
  const port = createPrinterPort({ platform: 'linux', pdfDir: join(tmp, 'composed') });
  const printers = await port.list();
  assert.ok(
    printers.some((p) => p.id === `cups:${cups.printerName}`),
    JSON.stringify(printers),
  );
  assert.ok(
    printers.some((p) => p.id === 'pdf' && p.kind === 'pdf'),
    JSON.stringify(printers),
  );

  const data = sampleReceipt({ receiptNo: `110105001001-20250305-${String((Date.now() + 1) % 10000).padStart(4, '0')}` });
  const { jobRef } = await port.print(`cups:${cups.printerName}`, {
    pdf: await renderReceiptPdf(data, 'a4'),
    title: `受理回执 ${data.receiptNo}`,
    paper: 'a4',
  });
  const out = await waitForCupsPdfOutput(cups.outputDir, jobRef, 20_000);
  const text = (await runTool('pdftotext', ['-layout', out, '-'])).stdout;
  assert.ok(text.includes(data.receiptNo), text);
  assert.match((await runTool('pdfinfo', [out])).stdout, /Page size:\s+595\.\d* x 841\.\d* pts|Page size:\s+595 x 842 pts/);
});

test('printing to a printer that does not exist fails with PRINTER_FAILED in Chinese', async () => {
  const pdf = await renderReceiptPdf(sampleReceipt(), '80mm');
  await assert.rejects(new CupsPrinter().print('cups:DaibanNoSuchPrinter', { pdf, title: '受理回执', paper: '80mm' }), (e: unknown) => {
    assert.ok(isDaibanError(e), String(e));
    assert.equal(e.code, 'PRINTER_FAILED');
    assert.match(e.message, HAN);
    assert.match(e.message, /DaibanNoSuchPrinter/);
    assert.match(e.message, /找不到打印机/);
    return true;
  });
});

test('when the CUPS scheduler is not running, list and print say so in Chinese', async () => {
  // CUPS_SERVER pointing at a socket nobody listens on is what a stopped cupsd looks like to lp.
  const printer = new CupsPrinter({ env: { CUPS_SERVER: join(tmp, 'no-cupsd.sock') } });
  const pdf = await renderReceiptPdf(sampleReceipt(), '80mm');
  for (const attempt of [printer.list(), printer.print(`cups:${cups.printerName}`, { pdf, title: 'x', paper: '80mm' })]) {
    await assert.rejects(attempt, (e: unknown) => {
      assert.ok(isDaibanError(e) && e.code === 'PRINTER_FAILED', String(e));
      assert.match(e.message, /打印服务（CUPS）没有运行/);
      return true;
    });
  }
  // The composed port still offers "save as PDF", and reports the problem.
  const problems: string[] = [];
  const port = createPrinterPort({ platform: 'linux', pdfDir: join(tmp, 'fallback'), system: printer, onListError: (e) => problems.push(e.message) });
  const printers = await port.list();
  assert.deepEqual(
    printers.map((p) => [p.id, p.isDefault]),
    [['pdf', true]],
  );
  assert.equal(problems.length, 1);
});

test('without the lp client the cadre is told CUPS is not installed', async () => {
  const printer = new CupsPrinter({ lp: '/nonexistent/lp', lpstat: '/nonexistent/lpstat' });
  const pdf = await renderReceiptPdf(sampleReceipt(), '80mm');
  for (const attempt of [printer.list(), printer.print('cups:Any', { pdf, title: 'x' })]) {
    await assert.rejects(attempt, (e: unknown) => {
      assert.ok(isDaibanError(e) && e.code === 'PRINTER_FAILED', String(e));
      assert.match(e.message, /没有安装打印服务/);
      return true;
    });
  }
});

test('an unknown printer id in the composed port is NOT_FOUND (a wrong id, not a printer fault)', async () => {
  const port = createPrinterPort({ platform: 'linux', pdfDir: join(tmp, 'x') });
  for (const id of ['nowhere:printer']) {
    await assert.rejects(port.print(id, { pdf: Buffer.from('%PDF-'), title: 'x' }), (e: unknown) => {
      assert.ok(isDaibanError(e) && e.code === 'NOT_FOUND' && HAN.test(e.message), String(e));
      return true;
    });
  }
});

test('save as PDF writes the file under a safe, unique name and returns its path', async () => {
  const dir = join(tmp, 'saved');
  const printer = new PdfFilePrinter(dir);
  const list = await printer.list();
  assert.deepEqual(
    list.map((p) => [p.id, p.kind]),
    [['pdf', 'pdf']],
  );

  const pdf = await renderReceiptPdf(sampleReceipt(), 'a4');
  const a = await printer.print('pdf', { pdf, title: '受理回执 110105001001-20250304-0007' });
  const b = await printer.print('pdf', { pdf, title: '受理回执 110105001001-20250304-0007' });
  assert.notEqual(a.jobRef, b.jobRef, 'two saves never overwrite each other');
  for (const { jobRef } of [a, b]) {
    assert.equal(dirname(jobRef), dir);
    assert.match(basename(jobRef), /^受理回执-110105001001-20250304-0007-\d{8}-\d{6}-[0-9a-f]{6}\.pdf$/);
    assert.deepEqual(await readFile(jobRef), pdf);
  }
});

test('save as PDF: a title cannot steer the file out of the folder', async () => {
  const root = join(tmp, 'traversal');
  const dir = join(root, 'pdf');
  const printer = new PdfFilePrinter(dir);
  const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
  for (const title of ['../../etc/passwd', '..\\..\\Windows\\win.ini', '/tmp/evil', '..', '', 'CON', 'a\u0000b\nc', 'x/../../y']) {
    const { jobRef } = await printer.print('pdf', { pdf, title });
    assert.equal(dirname(jobRef), dir, `title ${JSON.stringify(title)} gave ${jobRef}`);
    assert.ok(!basename(jobRef).startsWith('.'), jobRef);
    assert.ok(!/[/\\\u0000\n]/.test(basename(jobRef)), jobRef);
  }
  // Nothing was written beside or above the folder.
  assert.deepEqual(await readdir(root), ['pdf']);
});

test('save as PDF refuses another printer id', async () => {
  await assert.rejects(new PdfFilePrinter(join(tmp, 'p')).print('cups:Office', { pdf: Buffer.from('%PDF-'), title: 'x' }), (e: unknown) => {
    assert.ok(isDaibanError(e) && e.code === 'PRINTER_FAILED' && HAN.test(e.message), String(e));
    return true;
  });
});
