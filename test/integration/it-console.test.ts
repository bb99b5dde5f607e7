/**
 * The IT console on a terminal (issue #6 "Fleet", IT in the app): a real platform (PGlite) with a county IT
 * account, a village terminal enrolled through a fault proxy (so the link can be cut), and the station's `it.*`
 * calls relayed to the platform's /admin/v1 API with the IT account's in-memory session.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getSetting } from '../../db';
import type { RunningPlatform } from '../../platform/index';
import { itTokenForTest, setItFetch } from '../../station/it/admin-session';
import { SETTINGS } from '../../station/runtime/settings-keys';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { refused } from '../helpers/refusals';
import { freshStation, PLATFORM_CADRE, startTestPlatform, SYNC_VILLAGE, type SyncTestStation } from '../helpers/sync';

const IT = { username: 'it01', displayName: '张运维', password: 'Yunwei2026x', role: 'it', divisionCode: '360781' } as const;

let platform: RunningPlatform;
let proxy: FaultProxy;
let t: SyncTestStation;
let terminalId: string;

const api = () => t.station;
/** The extranet goes down: new connections refused, and the kept-alive ones dropped too. */
function cutLink(): void {
  proxy.setFaults({ refuse: true });
  proxy.dropAll();
}
const login = (a: { username: string; password: string; role?: string }) =>
  api().call('session.login', { username: a.username, password: a.password, ...(a.role === 'it' ? { itStaff: true } : {}) });

before(async () => {
  platform = await startTestPlatform();
  await platform.admin.createAccount(IT);
  proxy = await startFaultProxy({ targetPort: Number(new URL(platform.url).port) });
  t = freshStation();
  const { code } = await platform.admin.issueEnrollmentCode({ divisionCode: SYNC_VILLAGE, role: 'village', servicePointName: '华屋村代办点' });
  await api().call('sync.enroll', { platformUrl: proxy.url, code });
  terminalId = getSetting(api().ctx.db, SETTINGS.terminalId)!;
});

after(async () => {
  await t?.cleanup();
  await proxy?.close();
  await platform?.close();
});

test('an IT account logs in online: the platform checks the password and the session opens with it', async () => {
  // No IT hash on a terminal: without itStaff the name is unknown here, and answered like a wrong password.
  await refused(api().call('session.login', { username: IT.username, password: IT.password }), 'AUTH_FAILED');
  const user = await login(IT);
  assert.equal(user.role, 'it');
  assert.equal(user.displayName, IT.displayName);
  const status = await api().call('it.status', {});
  assert.equal(status.connected, true);
  assert.equal(status.platformUrl, proxy.url);
  assert.equal(status.account?.username, IT.username);
  assert.equal(status.account?.role, 'it');
  assert.equal(status.problem, null);
  assert.ok(status.expiresAt && Date.parse(status.expiresAt) > Date.now());
});

test('it.fleet lists the enrolled terminal with its heartbeat', async () => {
  const report = await api().call('it.fleet', {});
  const mine = report.terminals.find((x) => x.id === terminalId);
  assert.ok(mine, 'the terminal is in the fleet');
  assert.equal(mine.divisionCode, SYNC_VILLAGE);
  assert.equal(mine.role, 'village');
  assert.ok(mine.lastHeartbeatAt, 'the first sync sent a heartbeat');
  assert.equal(mine.queueDepth, 0);
  assert.ok(mine.appVersion);
  assert.ok(Array.isArray(mine.flags));
  assert.equal(typeof report.flagCounts.silent, 'number');
});

test('an enrollment code issued from the console enrolls a second terminal', async () => {
  const code = await api().call('it.issueCode', { divisionCode: '360781102202', role: 'village', servicePointName: '沙洲坝村代办点', ttlHours: 48 });
  assert.equal(code.divisionCode, '360781102202');
  assert.ok(Date.parse(code.expiresAt) > Date.now() + 47 * 3600_000);
  const second = freshStation();
  try {
    const s = await second.station.call('sync.enroll', { platformUrl: platform.url, code: code.code });
    assert.equal(s.enrolled, true);
    assert.equal((await second.station.call('session.current', {})).servicePoint.name, '沙洲坝村代办点');
  } finally {
    await second.cleanup();
  }
  // Outside the account's county: the platform's own Chinese refusal comes through.
  const outside = await refused(api().call('it.issueCode', { divisionCode: '360782102201', role: 'village', servicePointName: '别县某村代办点' }), 'FORBIDDEN');
  assert.equal(outside.details?.status, 403);
  // A field the station's schema already refuses never reaches the platform.
  const bad = await refused(api().call('it.issueCode', { divisionCode: '3607', role: 'village', servicePointName: '某村' }), 'INVALID_INPUT');
  assert.ok(bad.details?.fields?.divisionCode);
});

test('accounts: create with a generated password, disable, reset', async () => {
  const created = await api().call('it.createAccount', { username: 'cadre07', displayName: '刘晓梅', role: 'cadre', divisionCode: '360781102201' });
  assert.equal(created.account.username, 'cadre07');
  assert.ok(created.password && created.password.length >= 8, 'a generated password is shown once');
  let list = await api().call('it.accounts', {});
  assert.ok(list.some((a) => a.username === 'cadre07' && !a.disabled));
  assert.ok(list.some((a) => a.username === PLATFORM_CADRE.username));

  const reset = await api().call('it.resetPassword', { username: 'cadre07' });
  assert.ok(reset.password && reset.password !== created.password);
  const chosen = await api().call('it.resetPassword', { username: 'cadre07', password: 'Xinmima2026' });
  assert.equal(chosen.password, undefined, 'a password the IT worker chose is not echoed');

  const disabled = await api().call('it.disableAccount', { username: 'cadre07' });
  assert.equal(disabled.disabled, true);
  list = await api().call('it.accounts', {});
  assert.equal(list.find((a) => a.username === 'cadre07')?.disabled, true);
  await refused(api().call('it.disableAccount', { username: 'nobody99' }), 'NOT_FOUND');

  // The terminal's own audit log records what its IT user did on the platform, never a password.
  const audit = api().ctx.db.prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'it_%' ORDER BY seq").all() as {
    action: string;
    detail: string;
  }[];
  assert.deepEqual(
    audit.map((a) => a.action),
    ['it_code_issued', 'it_account_created', 'it_password_reset', 'it_password_reset', 'it_account_disabled'],
  );
  assert.ok(!audit.some((a) => a.detail.includes('Xinmima2026') || (created.password && a.detail.includes(created.password))));
});

test('the catalog: the seed publishes; a file that is not JSON is refused on its field', async () => {
  const view = await api().call('it.publishCatalog', { seed: true });
  assert.ok(view.version);
  assert.ok(view.items > 20);
  const bad = await refused(api().call('it.publishCatalog', { catalogJson: '{"version": 2026' }), 'INVALID_INPUT');
  assert.ok(bad.details?.fields?.catalogJson);
  const wrongShape = await refused(api().call('it.publishCatalog', { catalogJson: '{"items": 3}' }), 'INVALID_INPUT');
  assert.match(wrongShape.message, /[\u4e00-\u9fff]/);
});

test('an expired platform session asks for the password again; the right one reconnects', async () => {
  const token = itTokenForTest(api().ctx);
  assert.ok(token);
  // The session ends behind the station's back (as when it runs out on the platform).
  const res = await fetch(`${platform.url}/admin/v1/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 204);
  const expired = await refused(api().call('it.fleet', {}), 'IT_PASSWORD_REQUIRED');
  assert.match(expired.message, /过期.*密码/);
  const status = await api().call('it.status', {});
  assert.equal(status.connected, false);
  assert.equal(status.problem?.code, 'IT_PASSWORD_REQUIRED');

  const wrong = await refused(api().call('it.connect', { password: 'not-the-password' }), 'AUTH_FAILED');
  assert.match(wrong.message, /[\u4e00-\u9fff]/);
  const again = await api().call('it.connect', { password: IT.password });
  assert.equal(again.connected, true);
  assert.ok((await api().call('it.fleet', {})).terminals.length >= 2);
});

test('offline at login: IT staff cannot log in (no IT credential is kept here); once the link is back they can', async () => {
  await api().call('session.logout', {});
  cutLink();
  const offline = await refused(login(IT), 'PLATFORM_UNREACHABLE');
  assert.match(offline.message, /无法连接省级平台/);
  assert.equal((await api().call('session.current', {})).user, null, 'nobody is logged in');
  proxy.setFaults({});
  const wrong = await refused(login({ ...IT, password: 'Wrong2026xx' }), 'AUTH_FAILED');
  assert.match(wrong.message, /[\u4e00-\u9fff]/);
  assert.equal((await login(IT)).role, 'it');
  // A link that drops while connected: that call fails with the network's message, the session stays.
  cutLink();
  const dropped = await refused(api().call('it.accounts', {}), 'PLATFORM_UNREACHABLE');
  assert.match(dropped.message, /无法连接省级平台/);
  proxy.setFaults({});
  assert.equal((await api().call('it.status', {})).connected, true);
  assert.ok((await api().call('it.accounts', {})).length > 0);
});

test('release channel of a terminal, and the release list', async () => {
  await api().call('it.setChannel', { terminalId, channel: 'pilot' });
  const mine = (await api().call('it.fleet', {})).terminals.find((x) => x.id === terminalId);
  assert.equal(mine?.channel, 'pilot');
  assert.ok(Array.isArray(await api().call('it.releases', {})));
  await refused(api().call('it.setChannel', { terminalId, channel: 'Beta Channel' }), 'INVALID_INPUT');
});

test('diagnostics: none yet is NOT_FOUND; a request shows in the fleet; after a sync the bundle is a JSON file', async () => {
  const none = await refused(api().call('it.diagnostics', { terminalId }), 'NOT_FOUND');
  assert.equal(none.details?.status, 404);
  const req = await api().call('it.requestDiagnostics', { terminalId });
  assert.equal(req.terminalId, terminalId);
  const mine = (await api().call('it.fleet', {})).terminals.find((x) => x.id === terminalId);
  assert.ok(mine?.diagnosticsRequestedAt);
  // The request rides on the heartbeat's answer; the terminal sends its bundle in the same run.
  await api().sync.syncNow();
  const file = await api().call('it.diagnostics', { terminalId });
  assert.match(file.fileName, /^诊断包-.{8}-\d{8}-\d{6}\.json$/);
  assert.equal(file.mimeType, 'application/json');
  const text = Buffer.from(file.dataBase64, 'base64').toString('utf8');
  assert.ok(text.includes('\n  '), 'pretty-printed');
  assert.equal(typeof JSON.parse(text), 'object');
});

test('what answers instead of the platform gets a Chinese sentence, not its page', async () => {
  const answers: Response[] = [
    new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    new Response('', { status: 302, headers: { location: 'http://portal.example/login' } }),
    new Response('<html>请先登录上网认证</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    new Response(JSON.stringify({ code: 'SOMETHING_NEW', message: 'english only' }), { status: 409 }),
  ];
  setItFetch(api().ctx, async () => answers.shift()!);
  try {
    assert.match((await refused(api().call('it.fleet', {}), 'PLATFORM_UNREACHABLE')).message, /暂时无法处理/);
    assert.match((await refused(api().call('it.fleet', {}), 'PLATFORM_UNREACHABLE')).message, /被拦截/);
    assert.match((await refused(api().call('it.fleet', {}), 'PLATFORM_UNREACHABLE')).message, /无法识别/);
    const odd = await refused(api().call('it.fleet', {}), 'PLATFORM_REFUSED');
    assert.match(odd.message, /SOMETHING_NEW/);
    assert.equal(odd.details?.platformCode, 'SOMETHING_NEW');
  } finally {
    setItFetch(api().ctx, fetch);
  }
  assert.equal((await api().call('it.status', {})).connected, true, 'none of these ends the session');
});

test('only the IT role may use the console; logout forgets the platform session', async () => {
  await api().call('session.logout', {});
  await refused(api().call('it.status', {}), 'AUTH_REQUIRED');
  await login(PLATFORM_CADRE);
  const denied = await refused(api().call('it.fleet', {}), 'FORBIDDEN');
  assert.match(denied.message, /运维人员/);
  await refused(api().call('it.status', {}), 'FORBIDDEN');
  await refused(api().call('it.connect', { password: PLATFORM_CADRE.password }), 'FORBIDDEN');
  assert.equal(itTokenForTest(api().ctx), null);
});
