import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import type { DaibanError } from '../../core/errors';
import { parseReceiptNo } from '../../core/receipt-number';
import { countPending, pendingMessages, verifyAuditChain } from '../../db';
import { allMaterials, validValues } from '../helpers/forms';
import { refused } from '../helpers/refusals';
import { CADRE, REVIEWER, makeStation, manualClock, TEST_VILLAGE } from '../helpers/station';

const rowCount = (t: Awaited<ReturnType<typeof makeStation>>, table: string) =>
  (t.station.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

// 2026-11-23 10:00 in Shanghai, a Monday.
const MONDAY_MORNING = '2026-11-23T02:00:00.000Z';

test('login: offline, five wrong passwords lock the account for fifteen minutes, restart keeps the count', async () => {
  const clock = manualClock(MONDAY_MORNING);
  const t = await makeStation({ clock, login: false });
  const api = t.station;
  await refused(api.call('residents.search', { query: '王', limit: 5 }), 'AUTH_REQUIRED');
  for (let i = 1; i <= 3; i++) {
    const e = await refused(api.call('session.login', { username: CADRE.username, password: 'wrong' }), 'AUTH_FAILED');
    assert.match(e.message, new RegExp(`还可以再试${5 - i}次`));
  }
  const reopened = t.reopen();
  await refused(reopened.call('session.login', { username: CADRE.username, password: 'wrong' }), 'AUTH_FAILED');
  const locked = await refused(reopened.call('session.login', { username: CADRE.username, password: 'wrong' }), 'ACCOUNT_LOCKED');
  assert.match(locked.message, /锁定15分钟/);
  // Even the right password is refused while locked.
  await refused(reopened.call('session.login', { username: CADRE.username, password: CADRE.password }), 'ACCOUNT_LOCKED');
  clock.advance(14 * 60_000);
  await refused(reopened.call('session.login', { username: CADRE.username, password: CADRE.password }), 'ACCOUNT_LOCKED');
  clock.advance(2 * 60_000);
  const user = await reopened.call('session.login', { username: CADRE.username, password: CADRE.password });
  assert.equal(user.displayName, CADRE.displayName);
  assert.equal((await reopened.call('session.current', {})).user?.role, 'cadre');
  await refused(reopened.call('session.login', { username: 'nobody', password: 'x' }), 'AUTH_FAILED');
  assert.equal(verifyAuditChain(reopened.ctx.db).ok, true);
  t.cleanup();
});

test('roles: a township reviewer cannot take applications', async () => {
  const t = await makeStation({ login: false });
  await t.station.call('session.login', { username: REVIEWER.username, password: REVIEWER.password });
  await refused(t.station.call('residents.register', { idNumber: '11010519491231002X', name: '王兆明' }), 'FORBIDDEN');
  t.cleanup();
});

test('residents: a wrong ID number is refused in Chinese and writes nothing; duplicates point to the first', async () => {
  const t = await makeStation();
  const api = t.station;
  const auditBefore = rowCount(t, 'audit_log');
  const bad = await refused(api.call('residents.register', { idNumber: '110105194912310021', name: '王兆明' }), 'INVALID_ID_NUMBER');
  assert.match(bad.message, /校验码/);
  assert.ok(bad.details?.fields?.idNumber);
  await refused(api.call('residents.register', { idNumber: '11010519490230002X', name: '王兆明' }), 'INVALID_ID_NUMBER');
  const badName = await refused(api.call('residents.register', { idNumber: '11010519491231002X', name: '' }), 'INVALID_INPUT');
  assert.equal(badName.details?.fields?.name, '请填写姓名');
  assert.equal(rowCount(t, 'residents'), 0);
  assert.equal(rowCount(t, 'audit_log'), auditBefore);

  const first = await api.call('residents.register', { idNumber: '11010519491231002x', name: '王兆明', phone: '13907971234' });
  assert.equal(first.idNumber, '11010519491231002X');
  assert.equal(first.gender, 'female');
  assert.equal(first.birthDate, '1949-12-31');
  const dup = await refused(api.call('residents.register', { idNumber: '11010519491231002X', name: '王照明' }), 'DUPLICATE_RESIDENT');
  assert.equal(dup.details?.residentId, first.id);
  assert.match(dup.message, /王兆明/);

  const edited = await api.call('residents.update', { id: first.id, address: '江西省瑞金市叶坪乡华屋村3组18号' });
  assert.equal(edited.address, '江西省瑞金市叶坪乡华屋村3组18号');
  t.cleanup();
});

test('residents: search by name, full pinyin, initials, ID digits and phone', async () => {
  const t = await makeStation();
  const api = t.station;
  const wang = await api.call('residents.register', { idNumber: '11010519491231002X', name: '王兆明', phone: '13907971234' });
  await api.call('residents.register', { idNumber: '360781195603140020', name: '王秀英' });
  await api.call('residents.register', { idNumber: '360781198005051013', name: '单田芳', phone: '0797-2345678' });
  const ids = async (query: string) => (await api.call('residents.search', { query, limit: 20 })).map((r) => r.name);

  assert.deepEqual(await ids('王兆'), ['王兆明']);
  assert.deepEqual((await ids('王')).sort(), ['王兆明', '王秀英'].sort());
  assert.deepEqual(await ids('wzm'), ['王兆明']);
  assert.deepEqual(await ids('WangZhao'), ['王兆明']);
  assert.deepEqual(await ids('stf'), ['单田芳'], '单 as a surname reads shan');
  assert.deepEqual(await ids('002X'), ['王兆明']);
  assert.deepEqual(await ids('002x'), ['王兆明']);
  assert.deepEqual(await ids('110105'), ['王兆明']);
  assert.deepEqual(await ids('1013'), ['单田芳']);
  assert.deepEqual(await ids('139079'), ['王兆明']);
  assert.deepEqual(await ids('1234'), ['王兆明'], 'last digits of a phone');
  assert.deepEqual(await ids('赵'), []);
  const hit = (await api.call('residents.search', { query: 'wzm', limit: 5 }))[0]!;
  assert.equal(hit.id, wang.id);
  assert.equal(hit.idNumberMasked, '110105********002X');
  t.cleanup();
});

test('the whole intake: draft, autosave, refused submit keeps the draft, submit, receipt, withdraw', async () => {
  const clock = manualClock(MONDAY_MORNING);
  const t = await makeStation({ clock });
  const api = t.station;
  const items = await api.call('catalog.list', { query: '低保' });
  assert.equal(items[0]?.name, '最低生活保障申请');
  const item = await api.call('catalog.get', { code: items[0]!.code });
  const resident = await api.call('residents.register', { idNumber: '11010519491231002X', name: '王兆明' });
  const draft = await api.call('applications.createDraft', { residentId: resident.id, itemCode: item.code });
  assert.equal(draft.status, 'draft');

  // Autosave takes whatever is there, even half a form.
  const half = { [item.form.fields[0]!.key]: validValues(item.form.fields)[item.form.fields[0]!.key] };
  await api.call('applications.saveDraft', { id: draft.id, form: half, materials: {} });
  const outboxBefore = countPending(t.station.ctx.db);
  const auditBefore = rowCount(t, 'audit_log');
  const incomplete = await refused(api.call('applications.submit', { id: draft.id }), 'FORM_INVALID');
  const requiredFields = item.form.fields
    .filter((f) => f.required)
    .map((f) => f.key)
    .slice(1);
  for (const key of requiredFields) assert.ok(incomplete.details?.fields?.[key], `no message for required field ${key}`);
  for (const m of item.materials.filter((m) => m.required)) assert.ok(incomplete.details?.fields?.[`materials.${m.key}`]);
  assert.equal(countPending(t.station.ctx.db), outboxBefore, 'a refused submit queues nothing');
  assert.equal(rowCount(t, 'audit_log'), auditBefore, 'a refused submit writes nothing');
  const kept = await t
    .reopen()
    .call('session.login', { username: CADRE.username, password: CADRE.password })
    .then(() => t.station.call('applications.get', { id: draft.id }));
  assert.deepEqual(kept.form, half, 'the draft survives a refused submit and a restart');

  await t.station.call('applications.saveDraft', { id: draft.id, form: validValues(item.form.fields), materials: allMaterials(item) });
  const png = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#f4f1e8' } })
    .png()
    .toBuffer();
  const scan = await t.station.call('attachments.add', {
    applicationId: draft.id,
    fileName: '户口簿.png',
    mimeType: 'image/png',
    dataBase64: png.toString('base64'),
  });
  assert.equal(scan.mimeType, 'image/jpeg');
  assert.equal(scan.fileName, '户口簿.jpg');
  assert.ok(scan.width! <= 2000 && scan.height! <= 2000, 'large photos are downscaled');
  const stored = readFileSync(join(t.dataDir, 'attachments', scan.sha256));
  assert.notEqual(stored.subarray(0, 3).toString('hex'), 'ffd8ff', 'scans are encrypted at rest');
  const back = await t.station.call('attachments.read', { id: scan.id });
  assert.equal(Buffer.from(back.dataBase64, 'base64').subarray(0, 3).toString('hex'), 'ffd8ff');
  await refused(
    t.station.call('attachments.add', {
      applicationId: draft.id,
      fileName: 'x.exe',
      mimeType: 'image/png',
      dataBase64: Buffer.from('MZ not an image').toString('base64'),
    }),
    'ATTACHMENT_UNSUPPORTED',
  );

  const queued = await t.station.call('applications.submit', { id: draft.id });
  assert.equal(queued.status, 'queued');
  const receipt = parseReceiptNo(queued.receiptNo!);
  assert.deepEqual(receipt, { villageCode: TEST_VILLAGE, date: '2026-11-23', terminalNo: 1, seq: 1 });
  assert.equal(queued.dueDate, t.station.ctx.calendar.addWorkingDays('2026-11-23', item.promisedDays));
  await refused(t.station.call('applications.submit', { id: draft.id }), 'ILLEGAL_TRANSITION');
  await refused(t.station.call('applications.saveDraft', { id: draft.id, form: {}, materials: {} }), 'ILLEGAL_TRANSITION');

  const [message] = pendingMessages(t.station.ctx.db, 10).filter((m) => m.kind === 'application.submitted');
  const body = JSON.parse(message!.body);
  assert.equal(body.receiptNo, queued.receiptNo);
  assert.equal(body.resident.idNumber, '11010519491231002X');
  assert.deepEqual(
    body.attachments.map((a: { sha256: string }) => a.sha256),
    [scan.sha256],
  );

  const detail = await t.station.call('applications.get', { id: draft.id });
  assert.deepEqual(
    detail.events.map((e) => e.type),
    ['created', 'attachment_added', 'submit'],
  );
  assert.equal(detail.events.at(-1)!.actorName, CADRE.displayName);

  const preview = await t.station.call('receipts.render', { applicationId: draft.id, format: '80mm' });
  assert.equal(Buffer.from(preview.pdfBase64, 'base64').subarray(0, 5).toString(), '%PDF-');
  const first = await t.station.call('receipts.print', { applicationId: draft.id, format: 'a4', printerId: 'pdf' });
  const again = await t.station.call('receipts.print', { applicationId: draft.id, format: '80mm', printerId: 'pdf' });
  assert.deepEqual([first.reprint, again.reprint], [false, true]);
  assert.ok(existsSync(first.jobRef) && existsSync(again.jobRef));

  // The second application of the day gets the next number.
  const other = await t.station.call('applications.createDraft', { residentId: resident.id, itemCode: item.code });
  await t.station.call('applications.saveDraft', { id: other.id, form: validValues(item.form.fields), materials: allMaterials(item) });
  const second = await t.station.call('applications.submit', { id: other.id });
  assert.equal(parseReceiptNo(second.receiptNo!)?.seq, 2);

  const withdrawn = await t.station.call('applications.withdraw', { id: other.id, reason: '申请人主动撤回' });
  assert.equal(withdrawn.status, 'withdrawn');
  assert.deepEqual(
    pendingMessages(t.station.ctx.db, 10).map((m) => m.kind),
    // The resident goes up too, for the village's other terminals (docs/village-terminals.md).
    ['resident.saved', 'application.submitted', 'application.submitted', 'application.withdrawn'],
  );
  await refused(t.station.call('applications.withdraw', { id: other.id, reason: '再撤一次' }), 'ILLEGAL_TRANSITION');

  const page1 = await t.station.call('applications.list', { limit: 1 });
  const page2 = await t.station.call('applications.list', { limit: 1, before: page1.nextCursor! });
  assert.deepEqual([page1.items[0]!.id, page2.items[0]!.id], [other.id, draft.id]);
  assert.equal(page2.nextCursor, null);
  const queuedOnly = await t.station.call('applications.list', { status: ['queued'], limit: 10 });
  assert.deepEqual(
    queuedOnly.items.map((a) => a.id),
    [draft.id],
  );

  const stats = await t.station.call('stats.overview', {});
  assert.equal(stats.today, '2026-11-23');
  assert.equal(stats.todayTotal, 2);
  assert.equal(stats.queueDepth, 4, 'records waiting: the resident, two submissions, the withdrawal');
  assert.equal(stats.byStatus.queued, 1);
  assert.equal(verifyAuditChain(t.station.ctx.db).ok, true);
  assert.ok(readdirSync(join(t.dataDir, 'receipts')).length >= 2);
  t.cleanup();
});

test('every seed item can be taken and submitted with plausible values', async () => {
  const t = await makeStation({ clock: manualClock(MONDAY_MORNING) });
  const api = t.station;
  const resident = await api.call('residents.register', { idNumber: '11010519491231002X', name: '王兆明' });
  const items = await api.call('catalog.list', {});
  assert.ok(items.length >= 27);
  for (const summary of items) {
    const item = await api.call('catalog.get', { code: summary.code });
    const draft = await api.call('applications.createDraft', { residentId: resident.id, itemCode: item.code });
    await api.call('applications.saveDraft', { id: draft.id, form: validValues(item.form.fields), materials: allMaterials(item) });
    const done = await api.call('applications.submit', { id: draft.id }).catch((e: DaibanError) => {
      throw new Error(`${item.name}: ${e.message} ${JSON.stringify(e.details)}`);
    });
    assert.equal(done.status, 'queued', item.name);
  }
  t.cleanup();
});

test('an overdue application shows on the overview; stats count by Shanghai day', async () => {
  const clock = manualClock(MONDAY_MORNING);
  const t = await makeStation({ clock });
  const api = t.station;
  const resident = await api.call('residents.register', { idNumber: '11010519491231002X', name: '王兆明' });
  const [summary] = await api.call('catalog.list', { query: '临时救助' });
  const item = await api.call('catalog.get', { code: summary!.code });
  const draft = await api.call('applications.createDraft', { residentId: resident.id, itemCode: item.code });
  await api.call('applications.saveDraft', { id: draft.id, form: validValues(item.form.fields), materials: allMaterials(item) });
  const queued = await api.call('applications.submit', { id: draft.id });
  clock.set(`${t.station.ctx.calendar.addWorkingDays(queued.dueDate!, 1)}T02:00:00.000Z`);
  const stats = await api.call('stats.overview', {});
  assert.deepEqual(
    stats.overdue.map((a) => a.id),
    [draft.id],
  );
  assert.equal(stats.todayTotal, 0);
  t.cleanup();
});
