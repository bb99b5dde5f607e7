import { dump } from 'js-yaml';
import { FEED_FILE, RELEASE_PLATFORMS, STORE_SCHEMA_FIELD, type ReleasePlatform } from '../../core/admin/api';
import type { StoredRelease } from './rows';
import { channelDir, writeFeedFile } from './store';
import { compareVersions } from '../../core/versions';

/**
 * The update feeds (electron-updater's latest.yml, latest-linux.yml, latest-linux-arm64.yml) and which release
 * a terminal is offered:
 *  - the newest version of its channel that is not rolled back and has a file for its platform;
 *  - paused, or limited to divisions the terminal is outside of: the same feed with stagingPercentage 0, so
 *    nobody new takes it and nobody who has it is sent back;
 *  - rolled back: the one before is served; terminals on the newer version take it (they allow downgrades);
 *  - otherwise electron-updater's own staging: stagingPercentage against the terminal's .updaterId.
 */

export function feedPlatform(fileName: string): ReleasePlatform | null {
  return RELEASE_PLATFORMS.find((p) => FEED_FILE[p] === fileName) ?? null;
}

/** The release a channel serves on a platform, or null when it has none. */
export function servedRelease(releases: StoredRelease[], platform: ReleasePlatform): StoredRelease | null {
  let best: StoredRelease | null = null;
  for (const r of releases) {
    if (r.state === 'rolled_back' || !r.files.some((f) => f.platform === platform)) continue;
    if (!best || compareVersions(r.version, best.version) > 0) best = r;
  }
  return best;
}

export function inStagingDivisions(release: StoredRelease, divisionCode: string): boolean {
  return release.stagingDivisions.length === 0 || release.stagingDivisions.some((d) => divisionCode.startsWith(d));
}

/**
 * The feed as electron-builder writes it (builder-util's serializeToYaml: js-yaml, lineWidth 8000, no refs).
 * `offered` false: the release is held back for this reader (paused, or outside its divisions).
 */
export function feedYaml(release: StoredRelease, platform: ReleasePlatform, offered: boolean): string {
  const files = release.files.filter((f) => f.platform === platform);
  const first = files[0]!;
  const info: Record<string, unknown> = {
    version: release.version,
    files: files.map((f) => ({
      url: f.name,
      sha512: f.sha512,
      size: f.size,
      ...(f.embeddedBlockMapSize !== null ? { blockMapSize: f.embeddedBlockMapSize } : {}),
    })),
    path: first.name,
    sha512: first.sha512,
    releaseDate: release.publishedAt,
  };
  // 100 is left out as electron-builder does: an .updaterId ending in ffffffff is never "below 100 %".
  const percentage = offered ? release.stagingPercentage : 0;
  if (percentage < 100) info.stagingPercentage = percentage;
  if (release.notes) info.releaseNotes = release.notes;
  // Ours, beside electron-builder's fields (electron-updater keeps unknown ones): a terminal whose store is newer
  // refuses this build rather than install what cannot open its data (station/updates/controller.ts).
  if (release.storeSchema !== null) info[STORE_SCHEMA_FIELD] = release.storeSchema;
  return dump(info, { lineWidth: 8000, noRefs: true });
}

/** The feed a terminal of `divisionCode` is served, or null (nothing on this channel for its platform). */
export function feedForTerminal(releases: StoredRelease[], platform: ReleasePlatform, divisionCode: string): string | null {
  const release = servedRelease(releases, platform);
  if (!release) return null;
  return feedYaml(release, platform, release.state === 'active' && inStagingDivisions(release, divisionCode));
}

/**
 * Rewrites `<releaseDir>/<channel>/latest*.yml` after a change. A plain web server knows no terminal's
 * division: a release limited to divisions is written held back (a note at the top says so).
 */
export async function writeChannelFeeds(releaseDir: string, channel: string, releases: StoredRelease[]): Promise<void> {
  const dir = channelDir(releaseDir, channel);
  for (const platform of RELEASE_PLATFORMS) {
    const release = servedRelease(releases, platform);
    if (!release) {
      await writeFeedFile(dir, FEED_FILE[platform], null);
      continue;
    }
    const limited = release.stagingDivisions.length > 0;
    const note = limited
      ? `# Limited to divisions ${release.stagingDivisions.join(', ')}: only the platform's /updates/<terminal>/ route applies that;\n# this copy offers the release to nobody new.\n`
      : '';
    await writeFeedFile(dir, FEED_FILE[platform], note + feedYaml(release, platform, release.state === 'active' && !limited));
  }
}
