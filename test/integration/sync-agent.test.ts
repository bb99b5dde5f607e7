import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { countPending, findMessage, verifyAuditChain } from '../../db';
import type { RunningPlatform } from '../../platform/index';
import { provisionStation } from '../../station/setup/provision';
import { refused } from '../helpers/refusals';
import {
  freshStation,
  enrolledStation,
  issueCode,
  noisyScan,
  PLATFORM_ADMIN,
  PLATFORM_CADRE,
  POINT_NAME,
  startTestPlatform,
  submitApplication,
  SYNC_VILLAGE,
} from '../helpers/sync';

let platform: RunningPlatform;
before(async () => {
  platform = await startTestPlatform();
});
after(() => platform.close());

test('enrollment: a fresh terminal enrolls with a one-time code; accounts and catalog come down; the cadre logs in offline', async () => {
  const t = freshStation();
  const api = t.station;
  const before = await api.call('sync.status', {});
  assert.equal(before.enrolled, false);
  assert.equal(before.phase, 'idle');
  await refused(api.call('sync.now', {}), 'AUTH_REQUIRED');

  await refused(api.call('sync.enroll', { platformUrl: platform.url, code: 'WRONG-CODE-0000' }), 'ENROLL_FAILED');
  const unreachable = await refused(api.call('sync.enroll', { platformUrl: 'http://127.0.0.1:9', code: 'ABCD-EFGH-JKMN' }), 'PLATFORM_UNREACHABLE');
  assert.match(unreachable.message, /无法连接省级平台/);
  assert.equal((await api.call('sync.status', {})).enrolled, false, 'a failed enrollment stores nothing');

  const code = await issueCode(platform);
  const status = await api.call('sync.enroll', { platformUrl: `${platform.url}/`, code: code.toLowerCase() });
  assert.equal(status.enrolled, true);
  assert.equal(status.role, 'village');
  assert.equal(status.online, true);
  assert.equal(status.lastError, null);
  assert.ok(status.lastSuccessAt);
  assert.equal(status.pending, 0);
  await refused(api.call('sync.enroll', { platformUrl: platform.url, code }), 'ALREADY_ENROLLED');
  const session = await api.call('session.current', {});
  assert.deepEqual(session.servicePoint, { name: POINT_NAME, divisionCode: SYNC_VILLAGE, terminalNo: 1 });

  // The platform is no longer needed: the account that came down logs in against the local store.
  const user = await api.call('session.login', { username: PLATFORM_CADRE.username, password: PLATFORM_CADRE.password });
  assert.equal(user.displayName, PLATFORM_CADRE.displayName);
  assert.ok((await api.call('catalog.list', {})).length > 20);
  await refused(api.call('sync.enroll', { platformUrl: platform.url, code }), 'ALREADY_ENROLLED');

  const terminals = await platform.admin.listTerminals();
  const mine = terminals.find((x) => x.id === status.terminalId)!;
  assert.equal(mine.queueDepth, 0, 'the heartbeat arrived');
  assert.ok(mine.lastSyncAt);
  assert.ok(
    t.events.some((e) => e.type === 'sync.status' && e.status.phase === 'changes'),
    'progress was pushed',
  );
  assert.equal(verifyAuditChain(api.ctx.db).ok, true);
  await t.cleanup();
});

test('enrollment of a terminal that already has local accounts needs an admin; syncing an unenrolled one is refused', async () => {
  const t = freshStation();
  await provisionStation(t.station, {
    servicePoint: { name: '演示代办点', divisionCode: SYNC_VILLAGE, terminalNo: 9 },
    users: [
      { username: 'localcadre', displayName: '赵敏', role: 'cadre', password: 'Local2026x' },
      { username: 'localadmin', displayName: '钱进', role: 'admin', password: 'Local2026x' },
    ],
  });
  const code = await issueCode(platform);
  await refused(t.station.call('sync.enroll', { platformUrl: platform.url, code }), 'AUTH_REQUIRED');
  await t.station.call('session.login', { username: 'localcadre', password: 'Local2026x' });
  await refused(t.station.call('sync.now', {}), 'NOT_ENROLLED');
  await refused(t.station.call('sync.enroll', { platformUrl: platform.url, code }), 'FORBIDDEN');
  await t.station.call('session.login', { username: 'localadmin', password: 'Local2026x' });
  const status = await t.station.call('sync.enroll', { platformUrl: platform.url, code });
  assert.equal(status.enrolled, true);
  assert.notEqual((await t.station.call('session.current', {})).servicePoint.terminalNo, 9, 'the platform numbers the terminal');
  await t.station.call('session.login', { username: PLATFORM_ADMIN.username, password: PLATFORM_ADMIN.password });
  await t.cleanup();
});

test('applications with scans go up once each; local statuses become sent; a second sync sends nothing', async () => {
  const t = await enrolledStation(platform);
  const api = t.station;
  const scan = await noisyScan(600, 400);
  const apps = [await submitApplication(api, 1, [scan]), await submitApplication(api, 2, [scan, await noisyScan(300, 200)]), await submitApplication(api, 3)];
  const queued = await api.call('sync.status', {});
  assert.equal(queued.pending, 6, 'three applications and their three residents');
  assert.equal(queued.pendingBlobs, 2, 'the shared scan counts once');

  const status = await api.call('sync.now', {});
  assert.equal(status.lastError, null);
  assert.equal(status.pending, 0);
  assert.equal(status.pendingBlobs, 0);
  for (const a of apps) {
    const remote = await platform.admin.getApplication(a.id);
    assert.equal(remote?.receiptNo, a.receiptNo);
    const local = await api.call('applications.get', { id: a.id });
    assert.equal(local.status, 'sent');
    assert.equal(local.events.at(-1)?.type, 'acknowledge');
  }
  assert.equal(countPending(api.ctx.db), 0);
  const messages = await platform.admin.messageCount();
  await api.call('sync.now', {});
  assert.equal(await platform.admin.messageCount(), messages, 'nothing went up twice');
  assert.equal(verifyAuditChain(api.ctx.db).ok, true);
  await t.cleanup();
});

test("a refused message shows in problems with the platform's Chinese reason; the rest go through", async () => {
  const t = await enrolledStation(platform);
  const api = t.station;
  const db = api.ctx.db;
  const good = await submitApplication(api, 11);
  const foreign = await submitApplication(api, 12);
  // Tamper the stored message as a buggy or hostile terminal would: another county's village.
  const row = db.prepare(`SELECT id, body FROM outbox WHERE json_extract(body, '$.applicationId') = ?`).get(foreign.id) as { id: string; body: string };
  const body = JSON.stringify({ ...JSON.parse(row.body), divisionCode: '110105001001' });
  db.prepare('UPDATE outbox SET body = ?, sha256 = ? WHERE id = ?').run(body, createHash('sha256').update(body).digest('hex'), row.id);
  const unknownId = uuidv7();
  // A kind this version would never queue (enqueue refuses it): written as an older or hostile build would.
  const teleported = JSON.stringify({ applicationId: good.id });
  db.prepare('INSERT INTO outbox (id, kind, body, sha256, created_at) VALUES (?, ?, ?, ?, ?)').run(
    unknownId,
    'application.teleported',
    teleported,
    createHash('sha256').update(teleported).digest('hex'),
    new Date().toISOString(),
  );
  const last = await submitApplication(api, 13);

  const status = await api.call('sync.now', {});
  assert.equal(status.pending, 0, 'refusals never block the queue');
  assert.equal(status.lastError, null);
  assert.equal((await api.call('applications.get', { id: good.id })).status, 'sent');
  assert.equal((await api.call('applications.get', { id: last.id })).status, 'sent');
  assert.equal((await api.call('applications.get', { id: foreign.id })).status, 'queued');
  assert.equal(status.problems.length, 2);
  const byId = new Map(status.problems.map((p) => [p.messageId, p]));
  const tampered = byId.get(row.id)!;
  assert.equal(tampered.receiptNo, foreign.receiptNo);
  assert.equal(tampered.applicationId, foreign.id);
  assert.match(tampered.reason, /[\u4e00-\u9fff]/);
  const unknown = byId.get(unknownId)!;
  assert.equal(unknown.receiptNo, good.receiptNo, 'the receipt number is looked up from the application');
  assert.match(unknown.reason, /[\u4e00-\u9fff]/);
  assert.equal(findMessage(db, unknownId)?.status, 'invalid');

  await api.call('session.logout', {});
  assert.deepEqual((await api.call('sync.status', {})).problems, [], "residents' applications are not shown before login");
  await t.cleanup();
});

test('a withdrawal after the sync reaches the platform', async () => {
  const t = await enrolledStation(platform);
  const api = t.station;
  const app = await submitApplication(api, 21);
  await api.call('sync.now', {});
  await api.call('applications.withdraw', { id: app.id, reason: '申请人已外出务工，暂不办理' });
  const status = await api.call('sync.now', {});
  assert.equal(status.pending, 0);
  const remote = await platform.admin.getApplication(app.id);
  assert.equal(remote?.withdrawalReason, '申请人已外出务工，暂不办理');
  assert.ok(remote?.withdrawnAt);
  await t.cleanup();
});

test('a saved submission nudges a running agent: it is sent within seconds, scans first', async () => {
  const t = await enrolledStation(platform, { sync: { soonMs: 10 } });
  const api = t.station;
  t.station.sync.start();
  const app = await submitApplication(api, 31, [await noisyScan(400, 300)]);
  // The nudge after submit schedules a run within soonMs; wait for it to settle.
  for (let i = 0; i < 100 && (await api.call('applications.get', { id: app.id })).status !== 'sent'; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal((await api.call('applications.get', { id: app.id })).status, 'sent');
  await t.station.sync.stop();
  await t.cleanup();
});

test("station events reach the browser host's event stream without wiring", async () => {
  const { startBrowserHost } = await import('../../station/browser-host');
  const t = freshStation();
  const host = await startBrowserHost({ station: t.station, staticDir: 'renderer', keepAliveMs: 60_000 });
  const res = await fetch(`http://127.0.0.1:${host.port}/api/events?token=${host.token}`);
  const reader = res.body!.getReader();
  t.station.ctx.emit({ type: 'sync.status', status: t.station.sync.status() });
  let text = '';
  while (!text.includes('sync.status')) text += new TextDecoder().decode((await reader.read()).value);
  assert.match(text, /"enrolled":false/);
  await reader.cancel();
  await host.close();
  await t.cleanup();
});
