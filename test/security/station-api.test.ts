/**
 * The hostile suite for the terminal (issue #12): every StationApi method, through the browser host's
 * `POST /api/<method>` as a stranger would call it, fed malformed, oversized, control-character, deeply
 * nested and `__proto__` inputs. Asserts: no answer ≥ 500, every refusal a stable code with a Chinese
 * message and none of zod's English or locale texts, no write after a refusal (row counts and password
 * hashes before and after), no prototype polluted, and a live server at the end.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { STATION_METHODS } from '../../core/api/schemas';
import { setSetting } from '../../db';
import { SETTINGS } from '../../station/runtime/settings-keys';
import { allMaterials, validValues } from '../helpers/forms';
import { startBrowserHost, type BrowserHost } from '../../station/browser-host';
import { CADRE, makeStation, type TestStation } from '../helpers/station';
import { idNumber } from '../helpers/sync';

let t: TestStation;
let host: BrowserHost;
let staticDir: string;
let draftId = '';
let residentId = '';

/** Every input key any method takes, so each hostile value reaches each field. */
const KEYS = [
  'id',
  'applicationId',
  'residentId',
  'itemCode',
  'code',
  'username',
  'password',
  'oldPassword',
  'newPassword',
  'idNumber',
  'name',
  'phone',
  'address',
  'query',
  'reason',
  'note',
  'fileName',
  'mimeType',
  'dataBase64',
  'format',
  'printerId',
  'copies',
  'limit',
  'before',
  'kind',
  'listId',
  'platformUrl',
  'terminalId',
  'channel',
  'backupId',
  'form',
  'materials',
  'decision',
  'supplement',
  'missing',
  'from',
  'to',
  'status',
  'sha256',
  'divisionCode',
  'servicePointName',
  'role',
  'displayName',
  'percentage',
  'version',
  'villageCode',
  'catalogJson',
  'seed',
  'action',
  'ttlHours',
  'itStaff',
];

const bag = (value: string) => `{${KEYS.map((k) => `${JSON.stringify(k)}:${value}`).join(',')}}`;
const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

/** Raw JSON texts, written out so that escapes like \u0000 and lone \ud800 reach the server as sent. */
function hostileBodies(): { label: string; body: string }[] {
  const ids = () => `"id":"${draftId}","applicationId":"${draftId}","residentId":"${residentId}"`;
  return [
    { label: 'null', body: 'null' },
    { label: 'array', body: '[]' },
    { label: 'string', body: '"x"' },
    { label: 'number', body: '12' },
    { label: '__proto__', body: '{"__proto__":{"polluted":true},"id":"x"}' },
    { label: 'constructor.prototype', body: '{"constructor":{"prototype":{"polluted":true}}}' },
    { label: '5,000 levels', body: `{"id":${deep(5000)}}` },
    { label: '5,000 levels in a form', body: `{${ids()},"form":{"a":${deep(5000)}},"materials":{}}` },
    { label: 'NUL everywhere', body: bag('"a\\u0000b"') },
    { label: 'lone surrogate everywhere', body: bag('"\\ud800"') },
    { label: 'bidi override everywhere', body: bag('"\\u202e王秀英"') },
    { label: 'bell everywhere', body: bag('"\\u0007"') },
    { label: 'numbers everywhere', body: bag('123456789') },
    { label: 'objects everywhere', body: bag('{"$gt":""}') },
    {
      label: '1 MB strings',
      body: `{${KEYS.slice(0, 20)
        .map((k) => `"${k}":"${'字'.repeat(50_000)}"`)
        .join(',')}}`,
    },
    {
      label: 'real ids, NUL in the text',
      body: `{${ids()},"reason":"撤回\\u0000","name":"王\\u0000","address":"华屋村\\u0000","note":"\\u0000","form":{"applyReason":"因病\\u0000"},"materials":{}}`,
    },
    { label: 'real ids, lone surrogate in the form', body: `{${ids()},"form":{"applyReason":"\\udc00因病"},"materials":{}}` },
    { label: 'real ids, wrong key in the form', body: `{${ids()},"form":{"__proto__":{"x":1}},"materials":{}}` },
  ];
}

function post(path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const buf = Buffer.from(body, 'utf8');
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: 'POST',
        headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json', 'content-length': buf.length, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(buf);
  });
}

/** What must not change when a call is refused. */
function fingerprint(): string {
  const db = t.station.ctx.db;
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const hashes = (db.prepare('SELECT group_concat(password_hash) AS h FROM users').get() as { h: string }).h;
  const draft = db.prepare('SELECT * FROM applications WHERE id = ?').get(draftId);
  return JSON.stringify({
    tables: ['residents', 'applications', 'application_events', 'outbox', 'attachments', 'users', 'catalog_versions', 'handover_lists'].map(count),
    hashes,
    draft,
  });
}

const ENGLISH = /\b(expected|received|invalid|Invalid|must|string|number|undefined|Too (big|small))\b/;
const ZOD_LOCALE = /无效输入|期望|实际接收|数值过(大|小)/;

before(async () => {
  t = await makeStation();
  staticDir = mkdtempSync(join(tmpdir(), 'daiban-hostile-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>代办</title>');
  host = await startBrowserHost({ station: t.station, staticDir, keepAliveMs: 200 });
  const resident = await t.station.call('residents.register', { idNumber: idNumber(7), name: '王秀英' });
  const item = await t.station.call('catalog.get', { code: 'MZ-0001' });
  const draft = await t.station.call('applications.createDraft', { residentId: resident.id, itemCode: item.code });
  await t.station.call('applications.saveDraft', { id: draft.id, form: validValues(item.form.fields), materials: allMaterials(item) });
  residentId = resident.id;
  draftId = draft.id;
});

after(async () => {
  await host.close();
  t.cleanup();
  rmSync(staticDir, { recursive: true, force: true });
});

async function hostileRound(): Promise<void> {
  let calls = 0;
  let refusals = 0;
  const seen = new Map<string, string>();
  for (const method of STATION_METHODS) {
    for (const { label, body } of hostileBodies()) {
      // A valid call may have signed out or locked the screen (session.lock takes an empty body): back to work.
      const session = await t.station.call('session.current', {});
      if (!session.user) await t.station.call('session.login', { username: CADRE.username, password: CADRE.password });
      else if (session.locked) await t.station.call('session.unlock', { password: CADRE.password });
      const before = fingerprint();
      const res = await post(`/api/${method}`, body);
      calls++;
      const where = `${method} with ${label}: ${res.status} ${res.text.slice(0, 300)}`;
      assert.ok(res.status < 500, where);
      if (res.status < 400) continue; // accepted (an empty input is valid for some methods): not a refusal
      refusals++;
      const refusal = JSON.parse(res.text) as { code: string; message: string };
      assert.match(refusal.code, /^[A-Z_]+$/, where);
      assert.match(refusal.message, /\p{Script=Han}/u, where);
      assert.doesNotMatch(refusal.message, ENGLISH, where);
      assert.doesNotMatch(refusal.message, ZOD_LOCALE, where);
      seen.set(refusal.message, where);
      assert.equal(fingerprint(), before, `a refusal wrote nothing: ${where}`);
    }
  }
  assert.ok(refusals > STATION_METHODS.length * 10, `${refusals} of ${calls} calls refused`);
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was polluted');
  assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
  // A live server at the end, with the draft as it was saved.
  const res = await post('/api/applications.get', JSON.stringify({ id: draftId }));
  assert.equal(res.status, 200);
  assert.equal((JSON.parse(res.text) as { status: string }).status, 'draft');
}

test('every StationApi method, fed hostile input: never ≥ 500, a Chinese refusal, nothing written', { timeout: 300_000 }, hostileRound);

test('the same on an enrolled terminal whose platform is out of reach', { timeout: 300_000 }, async () => {
  const db = t.station.ctx.db;
  // Enrolled as far as the store says (sync.enroll must now be ALREADY_ENROLLED, never a 500); the platform
  // address answers nothing.
  setSetting(db, SETTINGS.platformUrl, 'http://127.0.0.1:9');
  setSetting(db, SETTINGS.terminalId, '01890000-0000-7000-8000-000000000000');
  const again = await post('/api/sync.enroll', JSON.stringify({ platformUrl: 'http://127.0.0.1:9', code: 'ABCD-EFGH-JKMN' }));
  assert.equal(again.status, 409, again.text);
  assert.equal((JSON.parse(again.text) as { code: string }).code, 'ALREADY_ENROLLED');
  await hostileRound();
});

test('a NUL or lone surrogate typed into a field is refused naming the field, in Chinese', async () => {
  const cases: [string, unknown, RegExp][] = [
    ['residents.register', { idNumber: idNumber(8), name: '王\u0000秀英' }, /“姓名”中有看不见的控制字符/],
    ['residents.register', { idNumber: idNumber(8), name: '王秀英', address: '华屋村\ud800' }, /“地址”中有无法识别的字符/],
    ['residents.register', { idNumber: idNumber(8), name: '王秀英', address: '华屋村\u202e3组' }, /“地址”中有改变文字方向的隐藏字符/],
    ['residents.register', { idNumber: idNumber(8), name: '王秀英', address: '华屋村\n3组' }, /“地址”只能填写一行/],
    ['residents.register', { idNumber: idNumber(8), name: '王秀英', address: '华'.repeat(121) }, /“地址”不能超过120个字/],
    ['applications.withdraw', { id: draftId, reason: '不办了\u0000' }, /“撤回原因”中有看不见的控制字符/],
    ['residents.search', { query: 12 }, /“查询内容”应为文字/],
    ['applications.list', { limit: 'many' }, /“每页条数”的格式不对/],
    ['applications.get', {}, /缺少“编号”/],
  ];
  for (const [method, input, message] of cases) {
    const res = await post(`/api/${method}`, JSON.stringify(input));
    assert.equal(res.status, 400, `${method}: ${res.text}`);
    const body = JSON.parse(res.text) as { code: string; message: string };
    assert.equal(body.code, 'INVALID_INPUT');
    assert.match(body.message, message, method);
  }
  // A form value with a NUL is refused at submit with the catalog's own label for the field.
  const item = await t.station.call('catalog.get', { code: 'MZ-0001' });
  const form = { ...validValues(item.form.fields), applyReason: '家中\u0007困难' };
  await t.station.call('applications.saveDraft', { id: draftId, form: validValues(item.form.fields), materials: allMaterials(item) });
  const refusedForm = await post('/api/applications.saveDraft', JSON.stringify({ id: draftId, form, materials: allMaterials(item) }));
  assert.equal(refusedForm.status, 400);
  assert.match((JSON.parse(refusedForm.text) as { message: string }).message, /控制字符/);
});

test('the browser host itself: bad paths, a wrong token, a slow body and garbage never reach 500', async () => {
  for (const path of [
    '/api/%00',
    '/api/session.current%00',
    '/api/%ED%A0%80',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/%00.js',
    '/api/__proto__',
    '/api/constructor',
  ]) {
    const res = await post(path, '{}');
    assert.ok(res.status < 500 && res.status >= 400, `${path}: ${res.status}`);
  }
  assert.equal((await post('/api/session.current', '{}', { authorization: 'Bearer nope' })).status, 401);
  assert.equal((await post('/api/session.current', '{"a":', {})).status, 400);
  assert.equal((await post('/api/session.current', '\u0000', {})).status, 400);
  assert.equal((await post('/api/session.current', '{}', { 'content-type': 'text/plain' })).status, 400);
  assert.equal((await post('/api/session.current', '{}')).status, 200, 'still alive');
});

test('a truncated scan and an unknown printer are the caller’s to fix: 4xx with a Chinese reason', async () => {
  const { default: sharp } = await import('sharp');
  const jpeg = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#806040', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .jpeg()
    .toBuffer();
  for (const cut of [jpeg.subarray(0, Math.floor(jpeg.length / 2)), jpeg.subarray(0, 2000)]) {
    const res = await post(
      '/api/attachments.add',
      JSON.stringify({ applicationId: draftId, fileName: '户口簿.jpg', mimeType: 'image/jpeg', dataBase64: cut.toString('base64') }),
    );
    assert.equal(res.status, 400, res.text);
    const body = JSON.parse(res.text) as { code: string; message: string };
    assert.equal(body.code, 'ATTACHMENT_UNSUPPORTED');
    assert.match(body.message, /损坏|无法识别/);
  }
  for (const printerId of ['nowhere', 'windows:没有这台打印机']) {
    const res = await post('/api/receipts.print', JSON.stringify({ applicationId: draftId, format: '80mm', printerId }));
    assert.ok(res.status >= 400 && res.status < 500, `${printerId}: ${res.status} ${res.text}`);
    assert.match((JSON.parse(res.text) as { message: string }).message, /\p{Script=Han}/u);
  }
});
