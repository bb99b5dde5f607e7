import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from 'js-yaml';
import { feedForTerminal, feedPlatform, servedRelease } from '../../platform/releases/feed';
import { platformOf, versionInName } from '../../platform/releases/artifacts';
import type { StoredFile, StoredRelease } from '../../platform/releases/rows';
import { compareVersions, isReleaseVersion } from '../../core/versions';

/** The release store's pure rules: versions, file names, and which release a feed serves. */

const file = (name: string, platform: StoredFile['platform']): StoredFile => ({
  platform,
  name,
  size: 10,
  sha512: 'x',
  blockmapName: null,
  blockmapSize: null,
  blockmapSha512: null,
  embeddedBlockMapSize: null,
});

const release = (version: string, o: Partial<StoredRelease> = {}): StoredRelease => ({
  id: `stable-${version}`,
  channel: 'stable',
  version,
  state: 'active',
  stagingPercentage: 100,
  stagingDivisions: [],
  notes: null,
  storeSchema: null,
  publishedAt: '2026-11-27T00:00:00.000Z',
  files: [file(`daiban-${version}-win-x64.exe`, 'win'), file(`daiban-${version}-linux-amd64.deb`, 'linux')],
  ...o,
});

test('versions: semver order, pre-releases before their release, build metadata refused', () => {
  const sorted = ['1.10.0', '1.2.0', '1.2.0-beta.2', '1.2.0-beta.10', '1.2.0-alpha', '0.9.9', '1.2.1'].sort(compareVersions);
  assert.deepEqual(sorted, ['0.9.9', '1.2.0-alpha', '1.2.0-beta.2', '1.2.0-beta.10', '1.2.0', '1.2.1', '1.10.0']);
  assert.equal(isReleaseVersion('1.2.0+build.5'), false);
  assert.equal(isReleaseVersion('01.2.0'), false);
  assert.equal(isReleaseVersion('1.2'), false);
});

test('installer names: platform and version from electron-builder artifact names', () => {
  assert.equal(platformOf('daiban-1.2.0-win-x64.exe'), 'win');
  assert.equal(platformOf('daiban-1.2.0-linux-x86_64.AppImage'), 'linux');
  assert.equal(platformOf('daiban-1.2.0-linux-amd64.deb'), 'linux');
  assert.equal(platformOf('daiban-1.2.0-linux-arm64.deb'), 'linux-arm64');
  assert.equal(platformOf('daiban-1.2.0-linux-aarch64.AppImage'), 'linux-arm64');
  assert.equal(platformOf('__uninstaller-nsis-daiban.exe'), null);
  assert.equal(platformOf('daiban-1.2.0-win-x64.exe.blockmap'), null);
  assert.equal(platformOf('latest.yml'), null);
  assert.equal(versionInName('daiban-1.2.0-beta.1-linux-arm64.AppImage'), '1.2.0-beta.1');
  assert.equal(versionInName('setup.exe'), null);
  assert.equal(feedPlatform('latest-linux-arm64.yml'), 'linux-arm64');
  assert.equal(feedPlatform('latest-mac.yml'), null);
});

test('served release: the newest version not rolled back that has the platform, whatever the publication order', () => {
  const hotfix = release('1.0.1', { publishedAt: '2026-12-01T00:00:00.000Z' });
  const newer = release('1.1.0');
  assert.equal(servedRelease([hotfix, newer], 'win')?.version, '1.1.0');
  assert.equal(servedRelease([hotfix, { ...newer, state: 'rolled_back' }], 'win')?.version, '1.0.1');
  assert.equal(servedRelease([hotfix, { ...newer, files: [file('daiban-1.1.0-win-x64.exe', 'win')] }], 'linux')?.version, '1.0.1');
  assert.equal(servedRelease([hotfix], 'linux-arm64'), null);
});

test('feed: stagingPercentage left out at 100, 0 when paused or outside the divisions', () => {
  const yaml = (r: StoredRelease, division = '360781102201') => load(feedForTerminal([r], 'win', division)!) as Record<string, unknown>;
  assert.equal('stagingPercentage' in yaml(release('1.1.0')), false);
  assert.equal(yaml(release('1.1.0', { stagingPercentage: 30 })).stagingPercentage, 30);
  assert.equal(yaml(release('1.1.0', { stagingPercentage: 30, state: 'paused' })).stagingPercentage, 0);
  assert.equal(yaml(release('1.1.0', { stagingDivisions: ['360781'] })).stagingPercentage, undefined);
  assert.equal(yaml(release('1.1.0', { stagingDivisions: ['360730'] })).stagingPercentage, 0);
  const full = yaml(release('1.1.0', { notes: '修复打印问题' }));
  assert.deepEqual(Object.keys(full), ['version', 'files', 'path', 'sha512', 'releaseDate', 'releaseNotes']);
  assert.deepEqual(full.files, [{ url: 'daiban-1.1.0-win-x64.exe', sha512: 'x', size: 10 }]);
});
