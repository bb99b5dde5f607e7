/**
 * App updates end to end, as far as they can run without Electron: a station with the update engine
 * (station/updates/electron-updater-engine.ts) around electron-updater's real DebUpdater and NsisUpdater under
 * Node (test/helpers/node-updater.ts), against a real platform over HTTP with releases published by the
 * platform's release code. quitAndInstall and the installers themselves cannot run here (docs/updates.md).
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { UpdateStatusView } from '../../core/api/update-methods';
import { isDaibanError } from '../../core/errors';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { startPlatform, type RunningPlatform } from '../../platform';
import { createStation, type Station } from '../../station/station';
import { ElectronUpdaterEngine } from '../../station/updates/electron-updater-engine';
import { createNodeUpdater, type NodeUpdater, type UpdaterKind } from '../helpers/node-updater';
import { INSTALLER_NAMES, nextPayload, writeFakeBuild, type FakeBuild } from '../helpers/release-builds';
import { silentLog } from '../helpers/station';
import { LATEST_VERSION } from '../../db';
import { issueCode, PLATFORM_ADMIN, PLATFORM_CADRE, SYNC_VILLAGE } from '../helpers/sync';

const root = mkdtempSync(join(tmpdir(), 'daiban-updater-'));
const releaseDir = join(root, 'releases');
/** What electron-builder bakes into app-update.yml (build/electron-builder.yml): the engine must replace it. */
const BUILD_TIME_FEED = 'https://daiban-platform.invalid/updates/unenrolled/';
let platform: RunningPlatform;
let v100: FakeBuild;
let v110: FakeBuild;
const terminals: UpdatingTerminal[] = [];

interface UpdatingTerminal {
  station: Station;
  node: NodeUpdater;
  userData: string;
  terminalId: string;
  statuses: UpdateStatusView[];
}

let dirs = 0;
/** A fresh terminal "installed" at `version`, enrolled with the platform; its first sync puts it online. */
async function updatingTerminal(kind: UpdaterKind, version: string, on: RunningPlatform = platform): Promise<UpdatingTerminal> {
  const dir = join(root, `terminal-${++dirs}`);
  // Some other staging id, as a fresh install would have: the engine replaces it with the terminal id.
  const node = createNodeUpdater({ kind, version, feedUrl: BUILD_TIME_FEED, dir: join(dir, 'app'), stagingId: randomUUID() });
  const userData = join(dir, 'app', 'userData');
  const engine = new ElectronUpdaterEngine({ updater: node.updater, userDataPath: userData });
  const station = createStation({
    dataDir: join(dir, 'terminal'),
    key: randomBytes(32),
    log: silentLog,
    sync: { autoStart: false },
    updates: { engine, startDelayMs: 20 },
  });
  const statuses: UpdateStatusView[] = [];
  station.onEvent((e) => {
    if (e.type === 'update.status') statuses.push(e.status);
  });
  const before = await station.call('updates.status', {});
  assert.equal(before.state, 'idle', 'supported, not checked before enrollment');
  assert.equal(before.currentVersion, version);
  assert.equal(node.executor.requests.length, 0, 'no request before enrollment');
  const sync = await station.call('sync.enroll', { platformUrl: on.url, code: await issueCode(on) });
  await station.call('session.login', { username: PLATFORM_CADRE.username, password: PLATFORM_CADRE.password });
  const t = { station, node, userData, terminalId: sync.terminalId!, statuses };
  terminals.push(t);
  return t;
}

async function waitForState(t: UpdatingTerminal, state: UpdateStatusView['state'], timeoutMs = 20_000): Promise<UpdateStatusView> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = await t.station.call('updates.status', {});
    if (s.state === state) return s;
    if (Date.now() > end) assert.fail(`state ${state} not reached; last: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function heartbeatVersion(terminalId: string): Promise<string | null> {
  const [row] = await platform.db.query<{ app_version: string | null }>('SELECT app_version FROM terminals WHERE id = $1', [terminalId]);
  return row?.app_version ?? null;
}

function feedRequests(t: UpdatingTerminal): string[] {
  return t.node.executor.requests.map((r) => r.path.replace(/\?.*$/, ''));
}

before(async () => {
  process.env.TEST_UPDATER_ARCH = 'x64'; // electron-updater picks latest-linux.yml by arch
  // startTestPlatform's platform, with a release store this test can reach into (the tampering below).
  platform = await startPlatform({ log: false, releaseDir });
  await platform.admin.publishCatalog(SEED_CATALOG);
  for (const a of [PLATFORM_CADRE, PLATFORM_ADMIN]) await platform.admin.createAccount({ ...a, divisionCode: SYNC_VILLAGE });
  v100 = await writeFakeBuild(join(root, 'build-1.0.0'), '1.0.0');
  v110 = await writeFakeBuild(join(root, 'build-1.1.0'), '1.1.0', nextPayload(v100.win.subarray(2)));
  await platform.releases.publish({ dir: v100.dir, channel: 'stable' });
  await platform.releases.publish({ dir: v110.dir, channel: 'stable', notes: '回执增加二维码' });
});

after(async () => {
  for (const t of terminals) await t.station.close();
  await platform?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('updates through electron-updater', () => {
  let deb: UpdatingTerminal;

  test('deb terminal on 1.0.0: checks once online, downloads 1.1.0 in the background, ready; heartbeat has 1.0.0', async () => {
    const started = Date.now();
    deb = await updatingTerminal('deb', '1.0.0');
    const ready = await waitForState(deb, 'ready');
    assert.equal(ready.readyVersion, '1.1.0');
    assert.equal(ready.availableVersion, '1.1.0');
    assert.equal(ready.releaseNotes, '回执增加二维码');
    assert.equal(ready.error, null);
    assert.ok(ready.lastCheckAt);
    assert.ok(
      deb.statuses.some((s) => s.state === 'downloading'),
      'a downloading status was pushed',
    );
    assert.ok(deb.statuses.some((s) => s.state === 'checking'));

    // The engine pointed electron-updater at this terminal's feed and wrote its id for staging.
    const paths = feedRequests(deb);
    const deb110 = INSTALLER_NAMES('1.1.0').deb;
    assert.ok(paths.includes(`/updates/${deb.terminalId}/latest-linux.yml`), paths.join(', '));
    assert.ok(paths.includes(`/updates/${deb.terminalId}/${deb110}`), paths.join(', '));
    assert.equal(readFileSync(join(deb.userData, '.updaterId'), 'utf8'), deb.terminalId);
    // Configured by the engine: it downloads itself once its gate let the version through.
    assert.equal(deb.node.updater.autoDownload, false);
    assert.equal(deb.node.updater.autoInstallOnAppQuit, true);
    assert.equal(deb.node.updater.allowDowngrade, true);

    // electron-updater checked the sha512 from the feed; the file waiting for installation is the published one.
    const pending = join(deb.node.cacheDir, 'pending', deb110);
    assert.deepEqual(readFileSync(pending), readFileSync(join(v110.dir, deb110)));

    assert.equal(await heartbeatVersion(deb.terminalId), '1.0.0', 'the heartbeat reports the app version');
    console.log(`[updater] deb: enrolled → ready in ${Date.now() - started} ms`);
  });

  test('NSIS terminal on 1.0.0 downloads the 1.1.0 installer from latest.yml', async () => {
    const nsis = await updatingTerminal('nsis', '1.0.0');
    const ready = await waitForState(nsis, 'ready');
    assert.equal(ready.readyVersion, '1.1.0');
    const exe = INSTALLER_NAMES('1.1.0').win;
    assert.ok(feedRequests(nsis).includes(`/updates/${nsis.terminalId}/latest.yml`));
    assert.deepEqual(readFileSync(join(nsis.node.cacheDir, 'pending', exe)), v110.win);
  });

  test('after a rollback: the downloaded 1.1.0 is withdrawn, and a terminal on 1.1.0 is offered 1.0.0', async () => {
    await platform.releases.rollback('stable-1.1.0');

    // The 1.0.0 terminal that had 1.1.0 waiting: nothing to install now, not even on quit.
    const after = await deb.station.call('updates.check', {});
    assert.equal(after.state, 'up_to_date');
    assert.equal(after.readyVersion, null);
    assert.equal(deb.node.updater.autoInstallOnAppQuit, false);
    await assert.rejects(
      () => deb.station.call('updates.install', {}),
      (e: unknown) => isDaibanError(e) && e.code === 'UPDATE_NOT_READY',
    );

    const newer = await updatingTerminal('deb', '1.1.0');
    const ready = await waitForState(newer, 'ready');
    assert.equal(ready.currentVersion, '1.1.0');
    assert.equal(ready.readyVersion, '1.0.0', 'allowDowngrade: the rollback is offered');
    const deb100 = INSTALLER_NAMES('1.0.0').deb;
    assert.deepEqual(readFileSync(join(newer.node.cacheDir, 'pending', deb100)), readFileSync(join(v100.dir, deb100)));
    assert.equal(await heartbeatVersion(newer.terminalId), '1.1.0');
  });

  test('a tampered installer fails the sha512 check of electron-updater: a Chinese status, nothing to install', async () => {
    // After the rollback the platform serves 1.0.0; its stored .deb is swapped for other bytes of the same size.
    const stored = join(releaseDir, 'stable', INSTALLER_NAMES('1.0.0').deb);
    writeFileSync(stored, randomBytes(statSync(stored).size));
    const t = await updatingTerminal('deb', '0.9.0');
    const s = await waitForState(t, 'error');
    assert.equal(s.readyVersion, null);
    assert.match(s.error ?? '', /校验不一致/);
    assert.ok(t.statuses.some((x) => x.state === 'downloading' && x.availableVersion === '1.0.0'));
    await assert.rejects(
      () => t.station.call('updates.install', {}),
      (e: unknown) => isDaibanError(e) && e.code === 'UPDATE_NOT_READY',
    );
  });

  test('a rollback to a build of an older store schema: refused before any download, said on the fleet view', async () => {
    // A platform of its own: 1.2.0 ships the store schema of this build, 1.1.5 the one before; 1.2.0 is rolled back.
    const other = await startPlatform({ log: false, releaseDir: join(root, 'releases-schema') });
    try {
      for (const a of [PLATFORM_CADRE, PLATFORM_ADMIN]) await other.admin.createAccount({ ...a, divisionCode: SYNC_VILLAGE });
      await other.admin.publishCatalog(SEED_CATALOG);
      const v115 = await writeFakeBuild(join(root, 'build-1.1.5'), '1.1.5', undefined, { storeSchema: LATEST_VERSION - 1 });
      const v120 = await writeFakeBuild(join(root, 'build-1.2.0'), '1.2.0', undefined, { storeSchema: LATEST_VERSION });
      const published = await other.releases.publish({ dir: v115.dir, channel: 'stable' });
      assert.equal(published.storeSchema, LATEST_VERSION - 1, 'read from daiban-release.json');
      await other.releases.publish({ dir: v120.dir, channel: 'stable' });
      await other.releases.rollback('stable-1.2.0');

      const t = await updatingTerminal('deb', '1.2.0', other);
      const refused = await waitForState(t, 'refused');
      assert.equal(refused.availableVersion, '1.1.5');
      assert.match(refused.error!, new RegExp(`1\\.1\\.5 版只能打开第${LATEST_VERSION - 1}版的数据，本机数据已是第${LATEST_VERSION}版`));
      assert.ok(!feedRequests(t).some((p) => p.endsWith('.deb')), 'the installer was never downloaded');
      assert.equal(t.node.updater.autoInstallOnAppQuit, true, 'nothing waits to be installed');

      // The next heartbeat tells the fleet view, which flags the terminal with the reason.
      await t.station.call('sync.now', {});
      const [seen] = (await other.fleet()).terminals.filter((x) => x.id === t.terminalId);
      assert.ok(seen?.flags.includes('store_version'));
      assert.equal(seen?.storeNotice?.kind, 'downgrade_refused');
      assert.match(seen!.storeNotice!.message, /已拒绝下载安装/);
    } finally {
      await other.close();
    }
  });

  test('offline: no check; an on-demand check is refused in Chinese', async () => {
    // Last: the platform goes away, and the next sync finds the terminal offline.
    await platform.close();
    const statusesBefore = deb.statuses.length;
    await deb.station.call('sync.now', {});
    assert.equal((await deb.station.call('sync.status', {})).online, false);
    await assert.rejects(
      () => deb.station.call('updates.check', {}),
      (e: unknown) => isDaibanError(e) && e.code === 'PLATFORM_UNREACHABLE' && /连不上省级平台/.test(e.message),
    );
    assert.equal(deb.statuses.length, statusesBefore, 'no check was started');
  });
});
