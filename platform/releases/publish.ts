import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { RELEASE_INFO_FILE } from '../../core/admin/api';
import type { PlatformContext } from '../context';
import { isUniqueViolation } from '../database/types';
import { invalidInput, PlatformError } from '../errors';
import { readArtifacts, versionInName, type Artifact } from './artifacts';
import { writeChannelFeeds } from './feed';
import { loadReleases, type StoredRelease } from './rows';
import { channelDir, removeStored, storeFile } from './store';
import { checkChannel, checkStaging, MAX_NOTES_LENGTH } from './validate';
import { isReleaseVersion } from '../../core/versions';

export interface PublishReleaseInput {
  dir: string;
  channel: string;
  version?: string;
  percentage?: number;
  divisions?: string[];
  notes?: string;
  /** The store schema the build ships, when its directory has no daiban-release.json (an older build script). */
  storeSchema?: number;
}

export const releaseId = (channel: string, version: string) => `${channel}-${version}`;

/** The version to publish and the installers that belong to it (electron-builder's output keeps old builds). */
function pickVersion(artifacts: Artifact[], given: string | undefined): { version: string; artifacts: Artifact[] } {
  const named = [...new Set(artifacts.map((a) => versionInName(a.name)).filter((v): v is string => v !== null))];
  let version = given;
  if (version === undefined) {
    if (named.length === 0) throw invalidInput('无法从安装包文件名判断版本号，请用 --version 指定');
    if (named.length > 1) throw invalidInput(`目录中有多个版本的安装包（${named.join('、')}），请用 --version 指定要发布的版本`);
    version = named[0]!;
  }
  if (!isReleaseVersion(version)) throw invalidInput(`版本号“${version}”不正确，应为 主.次.修订 格式，如 1.2.0`);
  // Installers named for another version are older builds left in the output directory.
  const mine = artifacts.filter((a) => {
    const v = versionInName(a.name);
    return v === null || v === version;
  });
  if (mine.length === 0) throw invalidInput(`目录中没有版本 ${version} 的安装包（找到的版本：${named.join('、')}）`);
  const seen = new Set<string>();
  for (const a of mine) {
    const kind = `${a.platform}${a.name.slice(a.name.lastIndexOf('.')).toLowerCase()}`;
    if (seen.has(kind)) throw invalidInput(`目录中有多个同类安装包（如 ${a.name}），无法确定发布哪一个，请清理后重试`);
    seen.add(kind);
  }
  return { version, artifacts: mine };
}

const releaseInfoSchema = z.object({ storeSchema: z.number().int().min(1).max(10_000) });

/**
 * The terminal store schema the build ships: `daiban-release.json` beside the installers (scripts/build-electron.mjs
 * writes it), else `--store-schema`, else unknown (null: terminals then judge a downgrade by their own history).
 */
async function readStoreSchema(dir: string, given: number | undefined): Promise<number | null> {
  let text: string;
  try {
    text = await readFile(join(dir, RELEASE_INFO_FILE), 'utf8');
  } catch {
    if (given === undefined) return null;
    if (!Number.isInteger(given) || given < 1 || given > 10_000) throw invalidInput('--store-schema 应为正整数（该版本终端数据结构的版本号）');
    return given;
  }
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* refused below */
  }
  const info = releaseInfoSchema.safeParse(parsed);
  if (!info.success) throw invalidInput(`${RELEASE_INFO_FILE} 内容不正确，应为 {"storeSchema": 正整数}`);
  if (given !== undefined && given !== info.data.storeSchema) {
    throw invalidInput(`--store-schema ${given} 与 ${RELEASE_INFO_FILE} 中的 ${info.data.storeSchema} 不一致`);
  }
  return info.data.storeSchema;
}

/** Copies a build into the store, records it and rewrites the channel's feed files. */
export async function publishRelease(ctx: PlatformContext, releaseDir: string, input: PublishReleaseInput): Promise<StoredRelease> {
  const channel = checkChannel(input.channel);
  const staging = checkStaging(input.percentage ?? 100, input.divisions ?? []);
  const notes = input.notes?.trim() || null;
  if (notes && notes.length > MAX_NOTES_LENGTH) throw invalidInput(`更新说明太长（最多${MAX_NOTES_LENGTH}字）`);
  if (input.version !== undefined && !isReleaseVersion(input.version)) {
    throw invalidInput(`版本号“${input.version}”不正确，应为 主.次.修订 格式，如 1.2.0`);
  }
  const { version, artifacts } = pickVersion(await readArtifacts(input.dir), input.version);
  const storeSchema = await readStoreSchema(input.dir, input.storeSchema);
  const id = releaseId(channel, version);
  const alreadyPublished = () =>
    new PlatformError(409, 'INVALID_REQUEST', `通道 ${channel} 已发布过版本 ${version}，同一版本不能重复发布；请提高版本号后重新打包`);
  if ((await loadReleases(ctx.db, { id })).length > 0) throw alreadyPublished();

  const dir = channelDir(releaseDir, channel);
  const copied: string[] = [];
  try {
    for (const a of artifacts) {
      if (await storeFile(dir, a.name, a.path, a.sha512)) copied.push(a.name);
      if (a.blockmap && (await storeFile(dir, a.blockmap.name, a.blockmap.path, a.blockmap.sha512))) copied.push(a.blockmap.name);
    }
    const now = ctx.now().toISOString();
    await ctx.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO releases (id, channel, version, state, staging_percentage, staging_divisions, notes, published_at, updated_at, store_schema)
         VALUES ($1, $2, $3, 'active', $4, $5::jsonb, $6, $7, $7, $8)`,
        [id, channel, version, staging.percentage, JSON.stringify(staging.divisions), notes, now, storeSchema],
      );
      for (const [position, a] of artifacts.entries()) {
        await tx.query(
          `INSERT INTO release_files (release_id, platform, name, size, sha512, blockmap_name, blockmap_size, blockmap_sha512, embedded_blockmap_size, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            id,
            a.platform,
            a.name,
            a.size,
            a.sha512,
            a.blockmap?.name ?? null,
            a.blockmap?.size ?? null,
            a.blockmap?.sha512 ?? null,
            a.embeddedBlockMapSize,
            position,
          ],
        );
      }
    });
  } catch (e) {
    await removeStored(dir, copied);
    if (isUniqueViolation(e)) throw alreadyPublished();
    throw e;
  }
  await writeChannelFeeds(releaseDir, channel, await loadReleases(ctx.db, { channel }));
  ctx.log.info({ releaseId: id, files: artifacts.map((a) => a.name), staging }, 'release published');
  return (await loadReleases(ctx.db, { id }))[0]!;
}
