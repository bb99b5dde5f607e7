import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReceiptCode, idDigitsOf, parseReceiptCode, receiptSealText, RECEIPT_CODE_MAX_LENGTH, type ReceiptCode } from '../../core/receipt-code';
import { receiptSealHolds } from '../../base/node/receipt-seal';
import { TerminalSigner } from '../../station/sync/signer';

const signer = TerminalSigner.generate();
const facts = { receiptNo: '360781102201-20261123-01-0007', itemCode: 'MZ-0001', idDigits: idDigitsOf('36078119560314001x'), signerNo: 1 };
const sealed: ReceiptCode = { ...facts, signature: Buffer.from(signer.sign(receiptSealText(facts)), 'base64').toString('base64url') };

test('a code reads back as written, bare or inside a progress page URL, and its seal holds only for its key', () => {
  assert.equal(facts.idDigits, '360781*001X');
  const bare = formatReceiptCode(sealed);
  assert.match(bare, /^DBR1:360781102201-20261123-01-0007:MZ-0001:360781\*001X:01:[A-Za-z0-9_-]{86}$/);
  assert.deepEqual(parseReceiptCode(bare), sealed);
  for (const url of ['https://zwfw.example.gov.cn/cx', 'https://zwfw.example.gov.cn/cx?from=qr']) {
    const inUrl = formatReceiptCode(sealed, url);
    assert.ok(inUrl.startsWith(url) && inUrl.includes('daiban=DBR1:'), inUrl);
    assert.deepEqual(parseReceiptCode(inUrl), sealed);
  }
  assert.ok(receiptSealHolds(sealed, signer.publicKeyBase64()));
  assert.ok(!receiptSealHolds(sealed, TerminalSigner.generate().publicKeyBase64()), 'another key');
  assert.ok(!receiptSealHolds({ ...sealed, signerNo: 2 }, signer.publicKeyBase64()), 'the signer number is signed too');
  assert.ok(!receiptSealHolds(sealed, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='), 'the all-zero key verifies nothing');
  assert.ok(!receiptSealHolds({ ...sealed, signature: '' }, signer.publicKeyBase64()));
});

test('text that only looks like a code is none', () => {
  const bare = formatReceiptCode(sealed);
  const bad = [
    '',
    'DBR1',
    bare.replace('20261123', '20261131'), // no such day
    bare.replace('360781102201', '000000000000'), // no such division
    bare.replace(':01:', ':00:'),
    bare.replace('MZ-0001', 'mz-0001'),
    `${bare}x`, // 87 signature characters
    bare.slice(0, -1), // 85
    bare.replace('DBR1', 'DBR9'),
    `${bare}${' '.repeat(RECEIPT_CODE_MAX_LENGTH)}`,
    '%E0%A4%A', // a broken percent-escape is no code and no crash
    '\uD800'.repeat(10),
    '['.repeat(5000),
  ];
  for (const text of bad) assert.equal(parseReceiptCode(text), null, JSON.stringify(text.slice(0, 80)));
  assert.equal(parseReceiptCode(5 as never), null);
});
