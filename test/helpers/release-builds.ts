import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RELEASE_INFO_FILE } from '../../core/admin/api';
// electron-builder's own block map writer (pure JS since electron-builder 26): the same chunking and format
// as the .blockmap files and the AppImage's embedded map of a real build.
import { buildBlockMap } from 'app-builder-lib/out/targets/blockmap/blockmap.js';

/**
 * A fake electron-builder output directory: random bytes under the names build/electron-builder.yml's
 * artifactName produces, NSIS .blockmap siblings and AppImage embedded block maps written by electron-builder's
 * code, plus the clutter a real output directory has (its own latest.yml, win-unpacked/, builder-debug.yml).
 */

export const INSTALLER_NAMES = (version: string) => ({
  win: `daiban-${version}-win-x64.exe`,
  appImage: `daiban-${version}-linux-x86_64.AppImage`,
  deb: `daiban-${version}-linux-amd64.deb`,
  appImageArm: `daiban-${version}-linux-arm64.AppImage`,
  debArm: `daiban-${version}-linux-arm64.deb`,
});

/** A payload "like" the previous one: most blocks equal, a few regions changed (what a differential update sees). */
export function nextPayload(previous: Buffer, changes = 3): Buffer {
  const next = Buffer.from(previous);
  for (let i = 0; i < changes; i++) {
    const at = Math.floor(((i + 0.5) * next.length) / changes);
    randomBytes(3000).copy(next, at);
  }
  return next;
}

export interface FakeBuild {
  dir: string;
  version: string;
  /** The NSIS installer's bytes. */
  win: Buffer;
}

export async function writeFakeBuild(
  dir: string,
  version: string,
  payload: Buffer = randomBytes(512 * 1024),
  o: { storeSchema?: number } = {},
): Promise<FakeBuild> {
  mkdirSync(join(dir, 'win-unpacked'), { recursive: true });
  const names = INSTALLER_NAMES(version);
  const win = Buffer.concat([Buffer.from('MZ'), payload]);
  writeFileSync(join(dir, names.win), win);
  await buildBlockMap(join(dir, names.win), 'gzip', join(dir, `${names.win}.blockmap`));
  for (const name of [names.appImage, names.appImageArm]) {
    writeFileSync(join(dir, name), Buffer.concat([Buffer.from('\x7fELF'), payload]));
    await buildBlockMap(join(dir, name), 'deflate'); // appended, as electron-builder does for AppImage
  }
  writeFileSync(join(dir, names.deb), Buffer.concat([Buffer.from('!<arch>\n'), payload]));
  writeFileSync(join(dir, names.debArm), Buffer.concat([Buffer.from('!<arch>\n'), payload.subarray(1)]));
  writeFileSync(join(dir, 'latest.yml'), `version: ${version}\n`);
  writeFileSync(join(dir, 'builder-debug.yml'), 'x64: {}\n');
  writeFileSync(join(dir, 'win-unpacked', 'daiban.exe'), 'not an installer');
  writeFileSync(join(dir, '__uninstaller-nsis-daiban.exe'), 'not an installer either');
  // What build/release-info.cjs writes after a real build: the store schema it ships.
  if (o.storeSchema !== undefined) writeFileSync(join(dir, RELEASE_INFO_FILE), JSON.stringify({ storeSchema: o.storeSchema }) + '\n');
  return { dir, version, win };
}
