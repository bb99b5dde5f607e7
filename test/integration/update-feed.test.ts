import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseUpdateInfo, resolveFiles } from 'electron-updater/out/providers/Provider';
import type { UpdateInfo } from 'builder-util-runtime';
import { startPlatform, type RunningPlatform } from '../../platform';
import { hashFile } from '../../platform/releases/artifacts';
import { enrollTerminal, type TestTerminal } from '../helpers/platform';
import { createNodeUpdater, refuseElectron, type UpdaterKind } from '../helpers/node-updater';
import { INSTALLER_NAMES, nextPayload, writeFakeBuild, type FakeBuild } from '../helpers/release-builds';

/**
 * The platform's update feeds read by electron-updater's own code (NsisUpdater and DebUpdater under Node,
 * test/helpers/node-updater.ts): which terminal is offered which version under percentage and division
 * staging, pause and rollback, and that a download passes (or, tampered, fails) electron-updater's sha512 check.
 */

const root = mkdtempSync(join(tmpdir(), 'daiban-update-feed-'));
const releaseDir = join(root, 'releases');
let platform: RunningPlatform;
let village: TestTerminal; // 360781102201 (瑞金市)
let elsewhere: TestTerminal; // 360730105201 (宁都县)
let v100: FakeBuild;
let v110: FakeBuild;

/** An .updaterId whose electron-updater staging value (last 4 bytes / 0xffffffff) is `fraction`. */
const stagingIdAt = (fraction: number) =>
  `5a0e6c1e-0000-4000-8000-0000${Math.floor(fraction * 0xffffffff)
    .toString(16)
    .padStart(8, '0')}`;
const AT_30 = stagingIdAt(0.3);
const AT_70 = stagingIdAt(0.7);
const AT_99 = stagingIdAt(0.999);

let updaterDirs = 0;
function updaterFor(
  terminal: TestTerminal,
  kind: UpdaterKind,
  version: string,
  o: { stagingId?: string; allowDowngrade?: boolean; differential?: boolean } = {},
) {
  return createNodeUpdater({
    kind,
    version,
    feedUrl: `${platform.url}/updates/${terminal.terminalId}/`,
    dir: join(root, `updater-${++updaterDirs}`),
    stagingId: o.stagingId ?? AT_30,
    allowDowngrade: o.allowDowngrade,
    differential: o.differential,
  });
}

/** The version electron-updater would install, or null when it finds no update. */
async function offered(
  terminal: TestTerminal,
  kind: UpdaterKind,
  version: string,
  o: { stagingId?: string; allowDowngrade?: boolean } = {},
): Promise<string | null> {
  const { updater } = updaterFor(terminal, kind, version, o);
  const result = await updater.checkForUpdates();
  return result?.isUpdateAvailable ? result.updateInfo.version : null;
}

async function feed(terminal: TestTerminal, file: string): Promise<UpdateInfo> {
  const url = new URL(`${platform.url}/updates/${terminal.terminalId}/${file}`);
  const res = await fetch(url);
  assert.equal(res.status, 200, file);
  return parseUpdateInfo(await res.text(), file, url) as UpdateInfo;
}

let allowElectron: () => void = () => {};

before(async () => {
  allowElectron = refuseElectron();
  process.env.TEST_UPDATER_ARCH = 'x64'; // electron-updater picks latest-linux.yml by arch
  platform = await startPlatform({ log: false, releaseDir });
  village = await enrollTerminal(platform, { divisionCode: '360781102201' });
  elsewhere = await enrollTerminal(platform, { divisionCode: '360730105201' });
  v100 = await writeFakeBuild(join(root, 'build-1.0.0'), '1.0.0');
  v110 = await writeFakeBuild(join(root, 'build-1.1.0'), '1.1.0', nextPayload(v100.win.subarray(2)));
  await platform.releases.publish({ dir: v100.dir, channel: 'stable', notes: '首个正式版本' });
});

after(async () => {
  allowElectron();
  await platform?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('update feeds read by electron-updater', () => {
  test('the three feed files parse in electron-updater and name the stored files with their sha512 and size', async () => {
    const names = INSTALLER_NAMES('1.0.0');
    const win = await feed(village, 'latest.yml');
    assert.equal(win.version, '1.0.0');
    assert.equal(win.releaseNotes, '首个正式版本');
    assert.equal(win.stagingPercentage, undefined);
    const winHash = await hashFile(join(v100.dir, names.win));
    assert.deepEqual(win.files, [{ url: names.win, sha512: winHash.sha512, size: winHash.size }]);
    assert.equal(win.path, names.win);
    assert.equal(win.sha512, winHash.sha512);
    const resolved = resolveFiles(win, new URL(`${platform.url}/updates/${village.terminalId}/`));
    assert.equal(resolved[0]!.url.href, `${platform.url}/updates/${village.terminalId}/${names.win}`);

    const linux = await feed(village, 'latest-linux.yml');
    assert.deepEqual(linux.files.map((f) => f.url).sort(), [names.deb, names.appImage].sort());
    const appImage = linux.files.find((f) => f.url === names.appImage)!;
    // electron-builder appended the AppImage's block map; the feed gives its size as blockMapSize.
    const bytes = readFileSync(join(v100.dir, names.appImage));
    assert.equal(appImage.blockMapSize, bytes.readUInt32BE(bytes.length - 4));
    const arm = await feed(village, 'latest-linux-arm64.yml');
    assert.deepEqual(arm.files.map((f) => f.url).sort(), [names.debArm, names.appImageArm].sort());

    // The same feed is written into the release directory for IT to read.
    assert.equal(parseUpdateInfo(readFileSync(join(releaseDir, 'stable', 'latest.yml'), 'utf8'), 'latest.yml', new URL('file:///latest.yml')).version, '1.0.0');
    assert.ok(readFileSync(join(releaseDir, 'stable', `${names.win}.blockmap`)).length > 0);
  });

  test('a terminal on 1.0.0 is offered 1.1.0 when it is not staged; one already on 1.1.0 is not', async () => {
    const published = await platform.releases.publish({ dir: v110.dir, channel: 'stable' });
    assert.equal(published.id, 'stable-1.1.0');
    assert.equal(await offered(village, 'nsis', '1.0.0', { stagingId: AT_99 }), '1.1.0');
    assert.equal(await offered(village, 'deb', '1.0.0', { stagingId: AT_99 }), '1.1.0');
    assert.equal(await offered(elsewhere, 'nsis', '1.0.0'), '1.1.0');
    assert.equal(await offered(village, 'nsis', '1.1.0'), null);
    // An arm64 PC (UOS/Kylin on Phytium or Kunpeng) reads latest-linux-arm64.yml.
    process.env.TEST_UPDATER_ARCH = 'arm64';
    try {
      const arm = updaterFor(village, 'deb', '1.0.0');
      const result = await arm.updater.checkForUpdates();
      assert.equal(result?.updateInfo.version, '1.1.0');
      assert.match(arm.executor.requests[0]!.path, /\/latest-linux-arm64\.yml\?/);
      assert.ok(result!.updateInfo.files.every((f) => f.url.includes('arm64')));
    } finally {
      process.env.TEST_UPDATER_ARCH = 'x64';
    }
  });

  test('percentage staging: offered to an .updaterId inside the percentage, not to one outside', async () => {
    await platform.releases.setStaging('stable-1.1.0', { percentage: 50, divisions: [] });
    assert.equal((await feed(village, 'latest.yml')).stagingPercentage, 50);
    assert.equal(await offered(village, 'nsis', '1.0.0', { stagingId: AT_30 }), '1.1.0');
    assert.equal(await offered(village, 'nsis', '1.0.0', { stagingId: AT_70 }), null);
    assert.equal(await offered(village, 'deb', '1.0.0', { stagingId: AT_30 }), '1.1.0');
    assert.equal(await offered(village, 'deb', '1.0.0', { stagingId: AT_70 }), null);
    await platform.releases.setStaging('stable-1.1.0', { percentage: 80, divisions: [] });
    assert.equal(await offered(village, 'nsis', '1.0.0', { stagingId: AT_70 }), '1.1.0');
  });

  test('division staging: only terminals inside the divisions are offered it', async () => {
    await platform.releases.setStaging('stable-1.1.0', { percentage: 100, divisions: ['360781'] });
    assert.equal(await offered(village, 'nsis', '1.0.0', { stagingId: AT_99 }), '1.1.0');
    assert.equal(await offered(elsewhere, 'nsis', '1.0.0', { stagingId: AT_30 }), null);
    const held = await feed(elsewhere, 'latest.yml');
    assert.deepEqual([held.version, held.stagingPercentage], ['1.1.0', 0]);
    await platform.releases.setStaging('stable-1.1.0', { percentage: 100, divisions: [] });
    assert.equal(await offered(elsewhere, 'nsis', '1.0.0'), '1.1.0');
  });

  test('a paused release is offered to nobody new and nobody is sent back; resumed, it is offered again', async () => {
    const paused = await platform.releases.pause('stable-1.1.0');
    assert.equal(paused.state, 'paused');
    assert.equal(await offered(village, 'nsis', '1.0.0', { stagingId: AT_30 }), null);
    assert.equal(await offered(village, 'deb', '1.0.0', { stagingId: AT_30 }), null);
    assert.equal(await offered(village, 'nsis', '1.1.0', { allowDowngrade: true }), null);
    await platform.releases.resume('stable-1.1.0');
    assert.equal(await offered(village, 'nsis', '1.0.0'), '1.1.0');
  });

  test('downloadUpdate: a full download and a differential one (multi-range) pass the sha512 check', async () => {
    const deb = updaterFor(village, 'deb', '1.0.0');
    assert.ok((await deb.updater.checkForUpdates())?.isUpdateAvailable);
    const [debFile] = await deb.updater.downloadUpdate();
    assert.deepEqual(readFileSync(debFile!), readFileSync(join(v110.dir, INSTALLER_NAMES('1.1.0').deb)));

    // The NSIS terminal keeps its installer in the updater cache: only the changed blocks are fetched.
    const nsis = updaterFor(village, 'nsis', '1.0.0', { differential: true });
    mkdirSync(nsis.cacheDir, { recursive: true });
    writeFileSync(join(nsis.cacheDir, 'installer.exe'), v100.win);
    assert.ok((await nsis.updater.checkForUpdates())?.isUpdateAvailable);
    const [exe] = await nsis.updater.downloadUpdate();
    assert.deepEqual(readFileSync(exe!), v110.win);
    const ranged = nsis.executor.requests.filter((r) => r.range !== null);
    assert.equal(ranged.length, 1, JSON.stringify(nsis.executor.requests));
    assert.equal(ranged[0]!.status, 206);
    const ranges = ranged[0]!.range!.replace('bytes=', '').split(',');
    assert.ok(ranges.length >= 2, ranged[0]!.range!);
    const fetched = ranges.reduce((sum, r) => sum + Number(r.split('-')[1]) - Number(r.split('-')[0]) + 1, 0);
    assert.ok(fetched < v110.win.length / 2, `${fetched} of ${v110.win.length} bytes`);
    assert.ok(
      nsis.executor.requests.some((r) => r.path.endsWith('daiban-1.0.0-win-x64.exe.blockmap')),
      'the old blockmap is still served',
    );
  });

  test('a tampered stored file fails electron-updater’s sha512 check', async () => {
    const stored = join(releaseDir, 'stable', INSTALLER_NAMES('1.1.0').deb);
    const original = readFileSync(stored);
    const tampered = Buffer.from(original);
    tampered[1000] = tampered[1000]! ^ 0xff;
    writeFileSync(stored, tampered);
    try {
      const deb = updaterFor(village, 'deb', '1.0.0');
      await deb.updater.checkForUpdates();
      await assert.rejects(
        deb.updater.downloadUpdate(),
        (e: Error & { code?: string }) => e.code === 'ERR_CHECKSUM_MISMATCH' || /sha512 checksum mismatch/.test(e.message),
      );
    } finally {
      writeFileSync(stored, original);
    }
  });

  test('after a rollback of 1.1.0, terminals on 1.1.0 are offered 1.0.0 and terminals on 1.0.0 get nothing', async () => {
    const rolled = await platform.releases.rollback('stable-1.1.0');
    assert.equal(rolled.state, 'rolled_back');
    assert.equal(await offered(village, 'nsis', '1.1.0', { allowDowngrade: true, stagingId: AT_99 }), '1.0.0');
    assert.equal(await offered(elsewhere, 'deb', '1.1.0', { allowDowngrade: true }), '1.0.0');
    assert.equal(await offered(village, 'nsis', '1.0.0'), null);
    // Without allowDowngrade (the terminal sets it) electron-updater would keep the bad version.
    assert.equal(await offered(village, 'nsis', '1.1.0'), null);
    assert.equal((await feed(village, 'latest.yml')).version, '1.0.0');
    await assert.rejects(platform.releases.rollback('stable-1.0.0'), /没有比 1\.0\.0 更早的可用版本/);
  });

  test('a terminal moved to another channel reads that channel’s feed', async () => {
    await platform.releases.setTerminalChannel(elsewhere.terminalId, 'beta');
    const none = await fetch(`${platform.url}/updates/${elsewhere.terminalId}/latest.yml`);
    assert.equal(none.status, 404);
    const beta = await writeFakeBuild(join(root, 'build-1.2.0-beta.1'), '1.2.0-beta.1');
    await platform.releases.publish({ dir: beta.dir, channel: 'beta', percentage: 100 });
    assert.equal(await offered(elsewhere, 'nsis', '1.0.0'), '1.2.0-beta.1');
    assert.equal(await offered(village, 'nsis', '1.0.0'), null);
    const listed = await platform.releases.list();
    assert.deepEqual(
      listed.map((r) => [r.id, r.state]),
      [
        ['beta-1.2.0-beta.1', 'active'],
        ['stable-1.1.0', 'rolled_back'],
        ['stable-1.0.0', 'active'],
      ],
    );
  });

  test('publish refuses bad input in Chinese and never overwrites a stored file with other bytes', async () => {
    await assert.rejects(platform.releases.publish({ dir: v110.dir, channel: 'Stable' }), /更新通道“Stable”不正确/);
    await assert.rejects(platform.releases.publish({ dir: v110.dir, channel: 'stable', percentage: 0 }), /推送比例应为1到100之间的整数/);
    await assert.rejects(platform.releases.publish({ dir: v110.dir, channel: 'stable', divisions: ['36078'] }), /区划代码“36078”不正确/);
    await assert.rejects(platform.releases.publish({ dir: v110.dir, channel: 'stable', version: '1.1' }), /版本号“1\.1”不正确/);
    await assert.rejects(platform.releases.publish({ dir: join(root, 'missing'), channel: 'stable' }), /找不到目录/);
    await assert.rejects(platform.releases.publish({ dir: v110.dir, channel: 'stable' }), /已发布过版本 1\.1\.0/);
    await assert.rejects(platform.releases.publish({ dir: v110.dir, channel: 'stable', version: '1.4.0' }), /目录中没有版本 1\.4\.0 的安装包/);

    // An output directory holding two builds needs --version; with it, the other build is left out.
    const mixed = join(root, 'build-mixed');
    await writeFakeBuild(mixed, '1.3.0');
    await writeFakeBuild(mixed, '1.3.1');
    await assert.rejects(platform.releases.publish({ dir: mixed, channel: 'stable' }), /多个版本的安装包（1\.3\.0、1\.3\.1）/);

    // A different file already stored under 1.3.0's installer name: refused, nothing recorded, nothing left behind.
    const stored = join(releaseDir, 'stable', INSTALLER_NAMES('1.3.0').win);
    writeFileSync(stored, 'someone else’s file');
    await assert.rejects(platform.releases.publish({ dir: mixed, channel: 'stable', version: '1.3.0' }), /已发布的文件不能被覆盖/);
    assert.equal(readFileSync(stored, 'utf8'), 'someone else’s file');
    assert.equal(
      (await platform.releases.list('stable')).some((r) => r.version === '1.3.0'),
      false,
    );
    assert.throws(() => readFileSync(join(releaseDir, 'stable', INSTALLER_NAMES('1.3.0').deb)), /ENOENT/);
    rmSync(stored);
    const published = await platform.releases.publish({ dir: mixed, channel: 'stable', version: '1.3.1' });
    assert.ok(published.files.every((f) => f.name.includes('1.3.1')));
  });
});
