/**
 * Receipt rendering speed: the first receipt in a fresh process (reads and parses the 2 × 10 MB fonts)
 * and warm receipts after it. Prints JSON. Run: node --import tsx test/bench/receipt-pdf.bench.ts
 */
import { renderReceiptPdf } from '../../station/printing/documents/receipt-pdf';
import type { ReceiptFormat } from '../../station/printing/documents/receipt-data';
import { sampleReceipt } from '../helpers/receipt-fixture';

const WARM_RUNS = 50;

async function time(format: ReceiptFormat, i: number): Promise<number> {
  // A different applicant and number each time, as in real use (no layout-cache free lunch for names).
  const data = sampleReceipt({
    receiptNo: `110105001001-20250304-${String(i).padStart(4, '0')}`,
    applicant: { name: ['王秀兰', '李明', '张桂英', '刘建华'][i % 4] as string, idNumberMasked: '110105********002X' },
  });
  const start = performance.now();
  await renderReceiptPdf(data, format);
  return performance.now() - start;
}

const coldStart = performance.now();
const cold80mm = await time('80mm', 0);
const firstA4 = await time('a4', 0);
const coldTotal = performance.now() - coldStart;

const stats = (xs: number[]): { median: number; p95: number; max: number } => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => Number((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(1));
  return { median: at(0.5), p95: at(0.95), max: Number((s[s.length - 1] ?? 0).toFixed(1)) };
};

const warm: Record<string, ReturnType<typeof stats>> = {};
for (const format of ['80mm', 'a4'] as const) {
  const xs: number[] = [];
  for (let i = 1; i <= WARM_RUNS; i++) xs.push(await time(format, i));
  warm[format] = stats(xs);
}

console.log(
  JSON.stringify(
    {
      bench: 'receipt-pdf',
      unit: 'ms',
      cold: { first80mm: Number(cold80mm.toFixed(1)), firstA4AfterIt: Number(firstA4.toFixed(1)), total: Number(coldTotal.toFixed(1)) },
      warm,
      warmRuns: WARM_RUNS,
      node: process.version,
    },
    null,
    2,
  ),
);
