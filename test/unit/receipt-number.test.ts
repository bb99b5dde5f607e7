import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatReceiptNo, parseReceiptNo } from '../../core/receipt-number';

test('formats the documented example', () => {
  assert.equal(formatReceiptNo({ villageCode: '360781102201', date: '2026-11-23', terminalNo: 1, seq: 7 }), '360781102201-20261123-01-0007');
  assert.equal(formatReceiptNo({ villageCode: '360781102201', date: '2026-01-05', terminalNo: 99, seq: 9999 }), '360781102201-20260105-99-9999');
});

test('parse reverses format', () => {
  const parts = { villageCode: '360781102201', date: '2028-02-29', terminalNo: 12, seq: 345 };
  assert.deepEqual(parseReceiptNo(formatReceiptNo(parts)), parts);
  assert.deepEqual(parseReceiptNo(' 360781102201-20261123-01-0007 '), {
    villageCode: '360781102201',
    date: '2026-11-23',
    terminalNo: 1,
    seq: 7,
  });
});

test('out-of-range parts are refused with INVALID_INPUT', () => {
  const base = { villageCode: '360781102201', date: '2026-11-23', terminalNo: 1, seq: 1 };
  const bad = [
    { ...base, villageCode: '36078110220' },
    { ...base, villageCode: '990781102201' },
    { ...base, date: '2026-02-30' },
    { ...base, date: '20261123' },
    { ...base, terminalNo: 0 },
    { ...base, terminalNo: 100 },
    { ...base, terminalNo: 1.5 },
    { ...base, seq: 0 },
    { ...base, seq: 10000 },
    { ...base, seq: -1 },
  ];
  for (const p of bad) {
    assert.throws(
      () => formatReceiptNo(p),
      (e: unknown) => {
        assert.equal((e as { code?: string }).code, 'INVALID_INPUT');
        assert.match((e as Error).message, /^无法生成受理编号：/);
        return true;
      },
      JSON.stringify(p),
    );
  }
});

test('parse returns null for anything that is not a receipt number', () => {
  for (const s of [
    '',
    '360781102201-20261123-01-007',
    '360781102201-20261123-1-0007',
    '360781102201-20261123-00-0007',
    '360781102201-20261123-01-0000',
    '360781102201-20260230-01-0007',
    '360781102201/20261123/01/0007',
    '36078110220-20261123-01-0007',
    '990781102201-20261123-01-0007',
    'x360781102201-20261123-01-0007',
  ]) {
    assert.equal(parseReceiptNo(s), null, s);
  }
});
