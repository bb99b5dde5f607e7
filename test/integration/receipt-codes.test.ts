import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { formatReceiptCode, parseReceiptCode, receiptSealText } from '../../core/receipt-code';
import { terminalEnrolledSchema } from '../../core/sync/changes';
import { receipt } from '../../platform/cli/receipt';
import { MIGRATIONS } from '../../platform/database/migrations';
import { migrate } from '../../platform/database/migrate';
import { openPgliteDb } from '../../platform/database/pglite';
import type { RunningPlatform } from '../../platform/index';
import { TerminalSigner } from '../../station/sync/signer';
import { villageAndTownship, type VillageAndTownship } from '../helpers/review';
import { refused } from '../helpers/refusals';
import { POINT_NAME, submitApplication, type SyncTestStation } from '../helpers/sync';
import { requireTools, runTool } from '../helpers/system-tools';

/**
 * Issue #14: the receipt's QR code is signed by the village terminal, and the township terminal and the
 * platform tell a genuine paper from a forged one by scanning it, the township offline. The code is read off
 * the rendered PDF with zbar, as a USB scanner would read the paper.
 */

requireTools('pdftoppm', 'zbarimg');

let platform: RunningPlatform;
let village: SyncTestStation;
let township: SyncTestStation;
let fleet: VillageAndTownship | undefined;
const dir = mkdtempSync(join(tmpdir(), 'daiban-receipt-codes-'));

before(async () => {
  fleet = await villageAndTownship();
  ({ platform, village, township } = fleet);
});
after(async () => {
  await fleet?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What a scanner reads off the QR code of a PDF's first page. */
async function scanPdf(pdfBase64: string, name: string): Promise<string> {
  const pdf = join(dir, `${name}.pdf`);
  writeFileSync(pdf, Buffer.from(pdfBase64, 'base64'));
  await runTool('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', pdf, join(dir, name)]);
  const { stdout } = await runTool('zbarimg', ['-q', '--raw', join(dir, `${name}.png`)]);
  return stdout.trim();
}

async function platformSays(code: string): Promise<{ status: number; lines: string[] }> {
  const lines: string[] = [];
  const status = await receipt(platform, 'verify', { code }, (l) => lines.push(l));
  return { status, lines };
}

test('a scanned receipt is genuine at the township before its application arrives, and names it once it has', async () => {
  const v = village.station;
  const t = township.station;
  const app = await submitApplication(v, 41);
  const scanned = await scanPdf((await v.call('receipts.render', { applicationId: app.id, format: '80mm' })).pdfBase64, 'receipt');
  const code = parseReceiptCode(scanned);
  assert.ok(code, scanned);
  assert.equal(code.receiptNo, app.receiptNo);
  assert.equal(code.itemCode, 'MZ-0001');
  assert.equal(code.signature.length, 86, 'an enrolled terminal signs');
  assert.ok(!scanned.includes(app.id), 'the internal id is not the code');

  // The township has synced (it knows the village terminal's key) but the village has not: the paper is checked offline.
  assert.equal((await t.sync.syncNow()).lastError, null);
  const early = await t.call('receipts.verify', { scanned: scanned });
  assert.equal(early.verdict, 'genuine');
  assert.match(early.verdictLabel, /^真实/);
  assert.equal(early.receiptNo, app.receiptNo);
  assert.equal(early.signer.servicePointName, POINT_NAME);
  assert.equal(early.item.name, '最低生活保障申请');
  assert.match(early.idNumberMasked, /^\d{6}\*{8}[\dX]{4}$/);
  assert.equal(early.application, null);

  // Once synced, the check names the applicant and says the paper matches the record.
  assert.equal((await v.sync.syncNow()).lastError, null);
  assert.equal((await t.sync.syncNow()).lastError, null);
  const later = await t.call('receipts.verify', { scanned: scanned });
  assert.deepEqual(later.application, { id: app.id, applicantName: '王兆明', status: 'sent', matchesCode: true });

  // The village checks its own paper with its own key; the notice of a decision will carry the same code.
  assert.equal((await v.call('receipts.verify', { scanned: scanned })).verdict, 'genuine');

  // The platform answers for any village, from its command line.
  const said = await platformSays(scanned);
  assert.equal(said.status, 0);
  assert.match(said.lines.join('\n'), /核验结果：真实/);
  assert.match(said.lines.join('\n'), /平台记录：王兆明/);
});

test('a changed, re-signed, unsigned or unknown code is not taken for genuine, here or on the platform', async () => {
  const v = village.station;
  const t = township.station;
  const app = await submitApplication(v, 42);
  const scanned = await scanPdf((await v.call('receipts.render', { applicationId: app.id, format: 'a4' })).pdfBase64, 'receipt-a4');
  const code = parseReceiptCode(scanned)!;
  assert.equal((await t.call('receipts.verify', { scanned: scanned })).verdict, 'genuine');

  // Another item, another day's number, other ID digits: the signature no longer holds.
  const otherItem = formatReceiptCode({ ...code, itemCode: 'WJ-0004' });
  const otherNo = formatReceiptCode({ ...code, receiptNo: code.receiptNo.replace(/\d{4}$/, '9999') });
  const otherId = formatReceiptCode({ ...code, idDigits: code.idDigits.replace(/\d{4}$/, '0000') });
  // Signed properly, but by a key the platform never enrolled for that terminal.
  const stranger = TerminalSigner.generate();
  const foreignSig = Buffer.from(stranger.sign(receiptSealText(code)), 'base64').toString('base64url');
  const foreign = formatReceiptCode({ ...code, signature: foreignSig });
  // The same 64 bytes spelt otherwise (the last character's spare bits set): refused, not re-read.
  const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const spare = B64URL[B64URL.indexOf(code.signature.at(-1)!) ^ 1]!;
  const respelt = formatReceiptCode({ ...code, signature: code.signature.slice(0, -1) + spare });
  assert.deepEqual(Buffer.from(parseReceiptCode(respelt)!.signature, 'base64url'), Buffer.from(code.signature, 'base64url'), 'the same bytes');
  for (const [what, text] of Object.entries({ otherItem, otherNo, otherId, foreign, respelt })) {
    assert.equal((await t.call('receipts.verify', { scanned: text })).verdict, 'forged', what);
    assert.equal((await platformSays(text)).status, 3, what);
  }

  const unsigned = await t.call('receipts.verify', { scanned: formatReceiptCode({ ...code, signature: '' }) });
  assert.equal(unsigned.verdict, 'unsigned');
  assert.match(unsigned.verdictLabel, /尚未注册/);
  const unknown = await t.call('receipts.verify', { scanned: formatReceiptCode({ ...code, signerNo: 7 }) });
  assert.equal(unknown.verdict, 'unknown_terminal');
  assert.equal(unknown.signer.servicePointName, null);
  assert.match((await platformSays(formatReceiptCode({ ...code, signerNo: 7 }))).lines.join('\n'), /平台没有该终端/);
});

test('what is not a receipt code is refused in Chinese with a stable code, and nothing breaks', async () => {
  const t = township.station;
  const app = await submitApplication(village.station, 43);
  const genuine = await scanPdf((await village.station.call('receipts.render', { applicationId: app.id, format: '80mm' })).pdfBase64, 'receipt-hostile');
  for (const text of ['hello', 'DBR1:', genuine.replace('DBR1', 'DBR2'), genuine.replace(/:\d{2}:/, ':00:'), '{"a":'.repeat(5000).slice(0, 600)]) {
    await refused(t.call('receipts.verify', { scanned: text }), 'RECEIPT_CODE_INVALID');
  }
  // Control characters are refused before anything reads the text, as everywhere in the StationApi.
  await refused(t.call('receipts.verify', { scanned: '\u0000'.repeat(50) }), 'INVALID_INPUT');
  await refused(t.call('receipts.verify', { scanned: `${genuine}\u0000` }), 'INVALID_INPUT');
  const surrogate = await refused(t.call('receipts.verify', { scanned: `${genuine}\uD800` }), 'INVALID_INPUT');
  assert.match(surrogate.message, /扫码内容/);
  await refused(t.call('receipts.verify', { scanned: 'x'.repeat(1024 * 1024) }), 'INVALID_INPUT');
  await refused(t.call('receipts.verify', { scanned: '' }), 'INVALID_INPUT');
  await refused(t.call('receipts.verify', { scanned: 5 } as never), 'INVALID_INPUT');
  // A scanner that adds a symbology prefix or spaces still gives the same answer.
  assert.equal((await t.call('receipts.verify', { scanned: ` ]Q1${genuine} ` })).verdict, 'genuine');
  await assert.rejects(platformSays('hello'), /不是代办系统/);
});

test('a province that publishes its progress page gets it on the paper, and the code inside still verifies', async () => {
  const url = 'https://zwfw.jiangxi.gov.cn/daiban/progress';
  await platform.admin.publishCatalog({ ...SEED_CATALOG, version: '2026.9', receiptQueryUrl: url });
  assert.equal((await village.station.sync.syncNow()).lastError, null);
  const app = await submitApplication(village.station, 44);
  const scanned = await scanPdf((await village.station.call('receipts.render', { applicationId: app.id, format: '80mm' })).pdfBase64, 'receipt-url');
  assert.ok(scanned.startsWith(`${url}?daiban=DBR1:${app.receiptNo}:`), scanned);
  assert.equal((await township.station.call('receipts.verify', { scanned: scanned })).verdict, 'genuine');
  // A phone may hand the page the code percent-encoded.
  const encoded = `${url}?daiban=${encodeURIComponent(scanned.slice(scanned.indexOf('DBR1')))}`;
  assert.equal((await township.station.call('receipts.verify', { scanned: encoded })).verdict, 'genuine');
  // Not a web address a province could mean: refused when the catalog is published.
  await assert.rejects(platform.admin.publishCatalog({ ...SEED_CATALOG, version: '2026.10', receiptQueryUrl: 'javascript:alert(1)' }), /https/);
});

test('platform migration 8 announces the terminals enrolled before it, in their order, to the terminals above', async () => {
  const dataDir = join(dir, 'pglite-upgrade');
  const db = await openPgliteDb(dataDir);
  try {
    await migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 8),
    );
    const key = TerminalSigner.generate().publicKeyBase64();
    for (const [i, id] of ['01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000002'].entries()) {
      await db.query(
        `INSERT INTO terminals (id, public_key, division_code, role, service_point_name, terminal_no, hostname, enrolled_at, app_version, last_seen_at)
         VALUES ($1, $2, '360781102201', 'village', '华屋村代办点', $3, NULL, $4, '0.3.0', $4)`,
        [id, key, i + 1, `2026-0${i + 1}-01T00:00:00Z`],
      );
    }
    await migrate(db);
    const rows = await db.query<{ kind: string; fan_up: boolean; body: unknown }>(
      "SELECT kind, fan_up, body FROM changes WHERE kind = 'terminal.enrolled' ORDER BY seq",
    );
    assert.equal(rows.length, 2);
    const bodies = rows.map((r) => terminalEnrolledSchema.parse(r.body));
    assert.deepEqual(
      bodies.map((b) => [b.terminalNo, b.publicKey, b.enrolledAt]),
      [
        [1, key, '2026-01-01T00:00:00.000Z'],
        [2, key, '2026-02-01T00:00:00.000Z'],
      ],
    );
    assert.ok(rows.every((r) => r.fan_up));
  } finally {
    await db.close();
  }
});
