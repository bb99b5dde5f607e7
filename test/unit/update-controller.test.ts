/**
 * The update policy (station/updates/controller.ts) with a fake engine and fake timers: when it checks, what
 * the cadre sees, when a restart to install is allowed. The real electron-updater is in
 * test/integration/updater.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import type { UpdateStatusView } from '../../core/api/update-methods';
import type { StoreNotice } from '../../core/sync/protocol';
import { UpdateController, type UpdateConnection } from '../../station/updates/controller';
import { feedUrl } from '../../station/updates/engine';
import { describeUpdateError } from '../../station/updates/messages';
import { refused } from '../helpers/refusals';
import { FakeEngine, FakeTime, GatedEngine, settle } from '../helpers/update-fakes';

const HOUR = 3600_000;
const PLATFORM = 'http://127.0.0.1:9/';
const TERMINAL = '0190f3a2-7c4e-7b1a-9c3d-2e5f6a7b8c9d';

const online: UpdateConnection = { enrolled: true, online: true, platformUrl: PLATFORM, terminalId: TERMINAL };
const offline: UpdateConnection = { ...online, online: false };

function setup(o: { busy?: () => boolean; engine?: FakeEngine | null; store?: { schema: number; upgradedBy: string | null } } = {}) {
  const time = new FakeTime();
  const notices: (StoreNotice | null)[] = [];
  const engine = o.engine === null ? undefined : (o.engine ?? new FakeEngine());
  const statuses: UpdateStatusView[] = [];
  let stationClosed = 0;
  const controller = new UpdateController(
    { engine, timers: time, intervalMs: 4 * HOUR, startDelayMs: 30_000 },
    {
      clock: { now: () => new Date(time.now) },
      log: pino({ level: 'silent' }),
      fallbackVersion: '0.1.0',
      emit: (s) => statuses.push(s),
      busy: o.busy ?? (() => false),
      closeStation: async () => {
        stationClosed++;
      },
      storeVersions: () => o.store ?? { schema: 16, upgradedBy: null },
      storeNotice: (n) => notices.push(n),
    },
  );
  return { time, engine: engine as FakeEngine, controller, statuses, notices, closed: () => stationClosed };
}

test('no engine (browser host): unsupported, nothing scheduled, check and install refused', async () => {
  const { controller, time } = setup({ engine: null });
  controller.connectionChanged(online);
  assert.equal(time.count, 0);
  const s = controller.status();
  assert.equal(s.supported, false);
  assert.equal(s.state, 'unsupported');
  assert.equal(s.currentVersion, '0.1.0');
  await refused(() => controller.check(), 'UPDATE_UNSUPPORTED');
  await refused(() => controller.install(), 'UPDATE_UNSUPPORTED');
});

test('never checks before enrollment or while offline; checks shortly after the platform first answers', async () => {
  const { controller, engine, time } = setup();
  assert.equal(controller.status().state, 'idle');
  assert.equal(controller.status().currentVersion, '1.0.0', 'the engine’s version (Electron’s app.getVersion())');
  controller.connectionChanged({ enrolled: false, online: null, platformUrl: null, terminalId: null });
  controller.connectionChanged(offline);
  await time.advance(10 * HOUR);
  assert.equal(engine.checks, 0, 'unenrolled, then offline: no check');
  await refused(() => controller.check(), 'PLATFORM_UNREACHABLE');

  controller.connectionChanged(online);
  await time.advance(29_000);
  assert.equal(engine.checks, 0, 'not before the start delay');
  await time.advance(1_000);
  assert.equal(engine.checks, 1);
  assert.deepEqual(engine.feeds.at(-1), { platformUrl: PLATFORM, terminalId: TERMINAL });
  assert.equal(feedUrl(engine.feeds[0]!), `http://127.0.0.1:9/updates/${TERMINAL}/`);
  assert.equal(controller.status().state, 'up_to_date');
  assert.equal(controller.status().lastCheckAt, new Date(time.now).toISOString());
});

test('unenrolled terminal: on-demand check refused with NOT_ENROLLED', async () => {
  const { controller, engine } = setup();
  controller.connectionChanged({ enrolled: false, online: true, platformUrl: null, terminalId: null });
  await refused(() => controller.check(), 'NOT_ENROLLED');
  assert.equal(engine.checks, 0);
});

test('every 4 h while online; a check missed offline happens shortly after coming back', async () => {
  const { controller, engine, time } = setup();
  controller.connectionChanged(online);
  await time.advance(30_000);
  assert.equal(engine.checks, 1);
  // Many sync status events in between do not add checks.
  for (let i = 0; i < 20; i++) controller.connectionChanged(online);
  await time.advance(4 * HOUR - 1000);
  assert.equal(engine.checks, 1);
  await time.advance(1000);
  assert.equal(engine.checks, 2, 'four hours after the first');
  await time.advance(4 * HOUR);
  assert.equal(engine.checks, 3);

  controller.connectionChanged(offline);
  await time.advance(12 * HOUR);
  assert.equal(engine.checks, 3, 'no check while offline');
  controller.connectionChanged(online);
  await time.advance(29_000);
  assert.equal(engine.checks, 3);
  await time.advance(1_000);
  assert.equal(engine.checks, 4, 'the missed check, shortly after the platform answers again');
});

test('download in the background: progress quietly in whole percents, then ready; installs on quit', async () => {
  const { controller, engine, time, statuses } = setup();
  let finish!: () => void;
  engine.next = (emit) => {
    emit({ type: 'available', version: '1.1.0', releaseNotes: '修正回执打印' });
    for (const p of [0.4, 12.5, 12.9, 55, 100]) emit({ type: 'progress', percent: p });
    // The download goes on after the check returned.
    void new Promise<void>((r) => (finish = r)).then(() => emit({ type: 'downloaded', version: '1.1.0', releaseNotes: '修正回执打印' }));
  };
  controller.connectionChanged(online);
  await time.advance(30_000);
  let s = controller.status();
  assert.equal(s.state, 'downloading');
  assert.equal(s.availableVersion, '1.1.0');
  assert.equal(s.downloadPercent, 100);
  const percents = statuses.filter((x) => x.state === 'downloading').map((x) => x.downloadPercent);
  // One event per whole percent that changed (12.9 adds none), plus the one at the end of the check.
  assert.deepEqual(percents, [0, 12, 55, 100, 100]);
  await refused(() => controller.install(), 'UPDATE_NOT_READY');

  finish();
  await settle();
  s = controller.status();
  assert.equal(s.state, 'ready');
  assert.equal(s.readyVersion, '1.1.0');
  assert.equal(s.releaseNotes, '修正回执打印');
  assert.equal(engine.installOnQuit, true);

  // A periodic check that offers the same build keeps it ready, without flicker.
  const before = statuses.length;
  engine.next = (emit) => {
    emit({ type: 'available', version: '1.1.0', releaseNotes: null });
    emit({ type: 'downloaded', version: '1.1.0', releaseNotes: null });
  };
  await time.advance(4 * HOUR);
  assert.equal(engine.checks, 2);
  assert.ok(
    statuses.slice(before).every((x) => x.state === 'ready'),
    'ready throughout',
  );
});

test('a downloaded build withdrawn on the platform (rollback or pause) is not installed on quit', async () => {
  const { controller, engine, time } = setup();
  engine.next = (emit) => {
    emit({ type: 'available', version: '1.1.0', releaseNotes: null });
    emit({ type: 'downloaded', version: '1.1.0', releaseNotes: null });
  };
  controller.connectionChanged(online);
  await time.advance(30_000);
  assert.equal(controller.status().state, 'ready');
  engine.next = (emit) => emit({ type: 'not-available', version: '1.0.0' });
  await controller.check();
  const s = controller.status();
  assert.equal(s.state, 'up_to_date');
  assert.equal(s.readyVersion, null);
  assert.equal(engine.installOnQuit, false);
  await refused(() => controller.install(), 'UPDATE_NOT_READY');
});

test('install: refused unless ready, refused while a save runs, then closes the station and runs the installer', async () => {
  let busy = true;
  const { controller, engine, time, closed } = setup({ busy: () => busy });
  await refused(() => controller.install(), 'UPDATE_NOT_READY');
  engine.next = (emit) => {
    emit({ type: 'available', version: '1.1.0', releaseNotes: null });
    emit({ type: 'downloaded', version: '1.1.0', releaseNotes: null });
  };
  controller.connectionChanged(online);
  await controller.check();
  assert.equal(controller.status().state, 'ready');

  const r = await refused(() => controller.install(), 'UPDATE_BUSY');
  assert.match(r.message, /正在保存/);
  assert.equal(engine.installs, 0);

  busy = false;
  const s = controller.install();
  assert.equal(s.readyVersion, '1.1.0');
  assert.equal(engine.installs, 0, 'not before the answer has gone out');
  await time.advance(1000);
  assert.equal(closed(), 1, 'the station closed first');
  assert.equal(engine.installs, 1, 'then quitAndInstall');
  await time.advance(10 * HOUR);
  assert.equal(engine.checks, 1, 'no more checks once installing');
});

test('errors become a Chinese status and are retried on schedule; a ready build stays installable', async () => {
  const { controller, engine, time } = setup();
  engine.next = () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
  };
  controller.connectionChanged(online);
  await time.advance(30_000);
  let s = controller.status();
  assert.equal(s.state, 'error');
  assert.match(s.error ?? '', /连不上省级平台/);
  assert.doesNotMatch(s.error ?? '', /ECONNREFUSED/);

  engine.next = (emit) => {
    emit({ type: 'available', version: '1.1.0', releaseNotes: null });
    emit({ type: 'error', error: Object.assign(new Error('sha512 checksum mismatch, expected x, got y'), { code: 'ERR_CHECKSUM_MISMATCH' }) });
  };
  await time.advance(4 * HOUR);
  s = controller.status();
  assert.equal(s.state, 'error');
  assert.match(s.error ?? '', /校验不一致/);
  assert.equal(s.downloadPercent, null);

  engine.next = (emit) => {
    emit({ type: 'available', version: '1.1.0', releaseNotes: null });
    emit({ type: 'downloaded', version: '1.1.0', releaseNotes: null });
  };
  await time.advance(4 * HOUR);
  assert.equal(controller.status().state, 'ready');
  assert.equal(controller.status().error, null);

  engine.next = () => {
    throw Object.assign(new Error('HTTP error: Bad gateway'), { code: 'HTTP_ERROR_502' });
  };
  await time.advance(4 * HOUR);
  s = controller.status();
  assert.equal(s.state, 'ready', 'a failed later check does not take the downloaded build away');
  assert.match(s.error ?? '', /连不上/);
});

test('nothing published yet (feed 404) is up to date, not an error; messages cover the codes', () => {
  assert.deepEqual(describeUpdateError(Object.assign(new Error('x'), { code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' })), { kind: 'none' });
  const msg = (code: string, m = 'x') => {
    const d = describeUpdateError(Object.assign(new Error(m), { code }));
    return d.kind === 'error' ? d.message : '';
  };
  assert.match(msg('ERR_UPDATER_INVALID_SIGNATURE'), /签名/);
  assert.match(msg('ERR_UPDATER_INVALID_UPDATE_INFO'), /更新信息不完整/);
  assert.match(msg('ENOSPC'), /磁盘空间/);
  assert.match(msg('', 'net::ERR_INTERNET_DISCONNECTED'), /连不上/);
  assert.match(msg('', 'something odd'), /稍后会自动重试/);
  for (const m of [msg('ENOSPC'), msg('HTTP_ERROR_500'), msg('weird')]) assert.match(m, /[\u4e00-\u9fff]/);
});

test('close stops the timers and ignores late engine events', async () => {
  const { controller, engine, time, statuses } = setup();
  controller.connectionChanged(online);
  assert.equal(time.count, 1);
  controller.stop();
  assert.equal(time.count, 0);
  await time.advance(10 * HOUR);
  assert.equal(engine.checks, 0);
  const n = statuses.length;
  engine.emit({ type: 'downloaded', version: '1.1.0', releaseNotes: null });
  controller.connectionChanged(online);
  assert.equal(statuses.length, n);
  assert.equal(time.count, 0);
});

test('a rollback to a build of an older store schema is refused before any download, said to the fleet; a fitting one is taken', async () => {
  const engine = new GatedEngine();
  engine.currentVersion = '1.2.0';
  const { controller, notices } = setup({ engine, store: { schema: 16, upgradedBy: '1.2.0' } });
  controller.connectionChanged(online);
  engine.offer('1.1.0', 15);
  const refused = await controller.check();
  assert.equal(refused.state, 'refused');
  assert.equal(refused.availableVersion, '1.1.0');
  assert.match(refused.error!, /1\.1\.0 版只能打开第15版的数据，本机数据已是第16版，安装后将无法打开本机数据，已拒绝下载安装/);
  assert.deepEqual(engine.downloads, [], 'nothing downloaded');
  assert.equal(notices.at(-1)?.kind, 'downgrade_refused');
  assert.equal(engine.installs, 0);

  // The platform fixes it with a build that knows the store (an older version that ships schema 16): taken.
  engine.offer('1.1.9', 16);
  const taken = await controller.check();
  assert.equal(taken.state, 'ready');
  assert.deepEqual(engine.downloads, ['1.1.9']);
  assert.equal(notices.at(-1), null, 'the notice is withdrawn');
});

test('a release that does not declare its schema: refused below the version that upgraded the store, taken otherwise', async () => {
  const engine = new GatedEngine();
  engine.currentVersion = '1.3.0';
  const { controller } = setup({ engine, store: { schema: 16, upgradedBy: '1.2.0' } });
  controller.connectionChanged(online);
  engine.offer('1.1.0');
  const refused = await controller.check();
  assert.equal(refused.state, 'refused');
  assert.match(refused.error!, /数据第16版由 1\.2\.0 版升级/);
  engine.offer('1.2.5');
  assert.equal((await controller.check()).state, 'ready', 'no migration since 1.2.0: the rollback is safe');
  // A store created new (no upgrade on record) and a release without a declared schema: nothing refused.
  const other = new GatedEngine();
  const { controller: c2 } = setup({ engine: other, store: { schema: 16, upgradedBy: null } });
  c2.connectionChanged(online);
  other.offer('0.9.0');
  assert.equal((await c2.check()).state, 'ready');
});
