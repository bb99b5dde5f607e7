import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { sealTransfer } from '../../base/node/transfer-file';
import { countPending, getSetting, listTransferExports } from '../../db';
import type { RunningPlatform } from '../../platform/index';
import { SETTINGS } from '../../station/runtime/settings-keys';
import { TerminalSigner } from '../../station/sync/signer';
import { platformKeysOf } from '../../station/transfer/keys';
import { enrolledCounty, enrolledTownship, syncOk } from '../helpers/review';
import { enrolledStation, freshStation, issueCode, startTestPlatform, submitApplication, type SyncTestStation } from '../helpers/sync';
import { enrollTerminal, type TestTerminal } from '../helpers/platform';
import { exportToStick, importFromStick, readFromTerminal } from '../helpers/transfer';

/**
 * Issue #16 part 1, the hostile edges: a tampered file, a forged one, a file for another village or another
 * township, an expired one, a replayed return file, and things that are not transfer files at all. Each is
 * refused with a Chinese reason and a stable code, and nothing is written on either side.
 */

const NEIGHBOUR_CADRE = { username: 'cadre-jiubao', displayName: '钟晓燕', password: 'Jiubao2026x' } as const;
const JIUBAO_REVIEWER = { username: 'review-jiubao', displayName: '赖文华', password: 'Jiubao2026y' } as const;
let offsetDays = 0;
let platform: RunningPlatform;
let village: SyncTestStation;
let neighbour: SyncTestStation;
let township: SyncTestStation;
let otherTownship: SyncTestStation;

before(async () => {
  platform = await startTestPlatform({ now: () => new Date(Date.now() + offsetDays * 86_400_000) });
  village = await enrolledStation(platform);
  township = await enrolledTownship(platform);
  // 华屋村's neighbour in another township (九堡镇), and that township's terminal.
  await platform.admin.createAccount({ ...NEIGHBOUR_CADRE, role: 'cadre', divisionCode: '360781103201' });
  neighbour = freshStation();
  await neighbour.station.call('sync.enroll', { platformUrl: platform.url, code: await issueCode(platform, '360781103201') });
  await neighbour.station.call('session.login', { username: NEIGHBOUR_CADRE.username, password: NEIGHBOUR_CADRE.password });
  const { code } = await platform.admin.issueEnrollmentCode({ divisionCode: '360781103000', role: 'township', servicePointName: '瑞金市九堡镇便民服务中心' });
  await platform.admin.createAccount({ ...JIUBAO_REVIEWER, role: 'reviewer', divisionCode: '360781103000' });
  otherTownship = freshStation();
  await otherTownship.station.call('sync.enroll', { platformUrl: platform.url, code });
  await otherTownship.station.call('session.login', { username: JIUBAO_REVIEWER.username, password: JIUBAO_REVIEWER.password });
});

after(async () => {
  for (const s of [village, neighbour, township, otherTownship]) await s?.cleanup();
  await platform?.close();
});

const refusedFor = (reason: string) => (e: { code?: string; details?: { reason?: string }; message?: string }) => {
  assert.match(e.message ?? '', /[\u4e00-\u9fff]/, 'said in Chinese');
  return e.code === 'TRANSFER_REFUSED' && e.details?.reason === reason;
};

async function platformUnchanged<T>(fn: () => Promise<T>): Promise<void> {
  const [apps, messages] = [await platform.admin.applicationCount(), await platform.admin.messageCount()];
  await fn();
  assert.equal(await platform.admin.applicationCount(), apps, 'no application written');
  assert.equal(await platform.admin.messageCount(), messages, 'no message written');
}

test('files that are not whole, not honest or not for this platform are refused before anything is written', async () => {
  await submitApplication(village.station, 901);
  const good = await exportToStick(village.station);

  // One byte changed in the middle of the stick's copy.
  const flipped = Buffer.from(good.bytes);
  flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
  await platformUnchanged(() => assert.rejects(platform.admin.importTransfer(flipped), refusedFor('damaged')));
  // Cut short (the stick pulled out while copying), empty, and a megabyte of noise.
  for (const bytes of [good.bytes.subarray(0, good.bytes.length - 500), Buffer.alloc(0), randomBytes(1024 * 1024)]) {
    await platformUnchanged(() => assert.rejects(platform.admin.importTransfer(bytes), refusedFor('damaged')));
  }

  // A forgery: anyone can encrypt to the platform's public key, but cannot sign as the terminal.
  const keys = platformKeysOf(village.station.ctx.db)!;
  const manifest = {
    format: 'daiban-outbox-1',
    fileId: uuidv7(),
    terminalId: getSetting(village.station.ctx.db, SETTINGS.terminalId),
    divisionCode: '360781102201',
    terminalNo: 1,
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    cursor: '0',
    replyRecipient: keys.transferRecipient,
    messages: [],
    blobs: [],
  };
  const forger = TerminalSigner.generate();
  const forged = await sealTransfer({ recipient: keys.transferRecipient, manifest, blobs: [], sign: (t) => forger.sign(t) });
  await platformUnchanged(() => assert.rejects(platform.admin.importTransfer(forged), refusedFor('tampered')));

  // The village's honest file, relayed by a township it does not belong to.
  await platformUnchanged(() =>
    assert.rejects(importFromStick(otherTownship.station, good.bytes, good.fileName), (e: { code?: string; message: string }) => {
      assert.match(e.message, /不属于本乡镇/);
      return e.code === 'TRANSFER_REFUSED';
    }),
  );

  // Kept in a drawer past its days: expired (the platform's clock decides, not the terminal's).
  offsetDays = 61;
  try {
    await platformUnchanged(() => assert.rejects(platform.admin.importTransfer(good.bytes), refusedFor('expired')));
  } finally {
    offsetDays = 0;
  }
  assert.equal(countPending(village.station.ctx.db), 2, 'the village still holds its application and resident');
});

test('a return file for another village, a forged one and one imported twice are refused on the terminal; nothing changes there', async () => {
  await submitApplication(village.station, 902);
  const stick = await exportToStick(village.station);
  const answer = await platform.admin.importTransfer(stick.bytes);
  const v = village.station;
  const before = { pending: countPending(v.ctx.db), cursor: getSetting(v.ctx.db, SETTINGS.changesCursor) };

  // Another village's terminal: not its key, not its file.
  await syncOk(neighbour);
  await assert.rejects(importFromStick(neighbour.station, answer.returnFile), refusedFor('foreign'));

  // Signed by someone who is not the platform, though encrypted to this very export's reply key.
  const reply = listTransferExports(v.ctx.db, 1)[0]!;
  const { identityToRecipient } = await import('age-encryption');
  const forged = await sealTransfer({
    recipient: await identityToRecipient(reply.replyIdentity),
    manifest: {
      format: 'daiban-return-1',
      fileId: uuidv7(),
      answers: reply.id,
      terminalId: getSetting(v.ctx.db, SETTINGS.terminalId),
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      results: [],
      blobs: [],
      pages: [],
      serverTime: new Date().toISOString(),
    },
    blobs: [],
    sign: (t) => TerminalSigner.generate().sign(t),
  });
  await assert.rejects(importFromStick(v, forged), refusedFor('tampered'));
  const flipped = Buffer.from(answer.returnFile);
  flipped[flipped.length - 20]! ^= 0x80;
  await assert.rejects(importFromStick(v, flipped), refusedFor('damaged'));
  assert.deepEqual({ pending: countPending(v.ctx.db), cursor: getSetting(v.ctx.db, SETTINGS.changesCursor) }, before, 'nothing written');

  // The real one, once; the second time it is a replay.
  const done = await importFromStick(v, answer.returnFile);
  assert.equal(done.accepted, 4);
  await assert.rejects(importFromStick(v, answer.returnFile), refusedFor('replayed'));
  assert.equal(countPending(v.ctx.db), 0);
});

test("the county's terminal relays a village's stick too (its IT console's U盘导入); the return file waits there to be saved", async () => {
  const county = await enrolledCounty(platform);
  try {
    await submitApplication(village.station, 904);
    const stick = await exportToStick(village.station);
    const relayed = await importFromStick(county.station, stick.bytes, stick.fileName);
    assert.equal(relayed.kind, 'relay');
    assert.ok(relayed.accepted >= 2);
    const listed = await county.station.call('transfer.list', {});
    assert.equal(listed.imports[0]!.returnFileName, relayed.returnFileName);
    const back = await importFromStick(village.station, await readFromTerminal(county.station, relayed.returnFileName!));
    assert.equal(back.kind, 'return');
    assert.equal(countPending(village.station.ctx.db), 0);
  } finally {
    await county.cleanup();
  }
});

test('the relay route and the terminal’s file methods refuse what is not a transfer in order: no 500, nothing kept', async () => {
  const relay = await enrollTerminal(platform, { divisionCode: '360781102000', role: 'township' });
  const villageRaw = await enrollTerminal(platform, { divisionCode: '360781102201' });
  const id = uuidv7();
  const put = (t: TestTerminal, path: string, raw: Buffer) => t.request('PUT', path, { raw });
  assert.equal((await put(villageRaw, `/v1/transfers/${id}?offset=0`, Buffer.from('x'))).status, 403, 'a village terminal syncs instead');
  for (const path of [`/v1/transfers/not-a-uuid?offset=0`, `/v1/transfers/${id}?offset=-1`, `/v1/transfers/${id}?offset=abc`, `/v1/transfers/${id}`]) {
    assert.equal((await put(relay, path, Buffer.from('x'))).status, 400, path);
  }
  assert.equal((await put(relay, `/v1/transfers/${id}?offset=0`, Buffer.alloc(0))).status, 400, 'an empty part');
  assert.equal((await put(relay, `/v1/transfers/${id}?offset=0`, Buffer.alloc(5 * 1024 * 1024))).status, 413, 'a part too large');
  assert.equal((await relay.request('POST', `/v1/transfers/${uuidv7()}/import`, { json: {} })).status, 404, 'nothing uploaded');
  // Parts with a hole, then noise: refused, not a crash.
  assert.equal((await put(relay, `/v1/transfers/${id}?offset=10`, Buffer.from('abc'))).status, 204);
  const holed = await relay.request('POST', `/v1/transfers/${id}/import`, { json: {} });
  assert.equal(holed.status, 409);
  const noise = uuidv7();
  assert.equal((await put(relay, `/v1/transfers/${noise}?offset=0`, randomBytes(4096))).status, 204);
  const refused = await relay.request('POST', `/v1/transfers/${noise}/import`, { json: {} });
  assert.equal(refused.status, 422);
  assert.match(refused.json<{ message: string }>().message, /[\u4e00-\u9fff]/);
  // Another terminal's upload id finds nothing of it.
  assert.equal((await villageRaw.request('POST', `/v1/transfers/${noise}/import`, { json: {} })).status, 404);

  // The terminal's own methods: out of order, not base64, a name that is not a transfer file's, an upload never made.
  const s = village.station;
  const upload = uuidv7();
  await assert.rejects(s.call('transfer.upload', { uploadId: upload, offset: 5, dataBase64: 'AAAA' }), (e: { code?: string }) => e.code === 'INVALID_INPUT');
  await assert.rejects(s.call('transfer.upload', { uploadId: upload, offset: 0, dataBase64: '%%%%' }), (e: { code?: string }) => e.code === 'INVALID_INPUT');
  await assert.rejects(s.call('transfer.read', { fileName: '../daiban.db', offset: 0 }), (e: { code?: string }) => e.code === 'INVALID_INPUT');
  await assert.rejects(s.call('transfer.read', { fileName: 'daiban-360781102201-01-x.daiban', offset: 0 }), (e: { code?: string }) => e.code === 'NOT_FOUND');
  await assert.rejects(s.call('transfer.import', { uploadId: uuidv7(), fileName: 'x.daiban' }), (e: { code?: string }) => e.code === 'NOT_FOUND');
  await assert.rejects(s.call('transfer.import', { uploadId: upload, fileName: 'x\u0000.daiban' }), (e: { code?: string }) => e.code === 'INVALID_INPUT');
});

test('a disabled terminal’s file is refused; a village terminal cannot relay; a township cannot export', async () => {
  await assert.rejects(township.station.call('transfer.export', {}), (e: { code?: string }) => e.code === 'TRANSFER_REFUSED');
  await submitApplication(village.station, 903);
  const stick = await exportToStick(village.station);
  await assert.rejects(importFromStick(village.station, stick.bytes), refusedFor('foreign'));
  const terminalId = getSetting(village.station.ctx.db, SETTINGS.terminalId)!;
  await platform.admin.disableTerminal(terminalId);
  await platformUnchanged(() =>
    assert.rejects(platform.admin.importTransfer(stick.bytes), (e: { code?: string; details?: { reason?: string } }) => e.details?.reason === 'disabled'),
  );
});
