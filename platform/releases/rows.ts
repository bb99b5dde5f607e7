import type { ReleaseFileView, ReleasePlatform, ReleaseState, ReleaseView } from '../../core/admin/api';
import { isoOf, type Queryable } from '../database/types';

/** Releases and their files as stored (migration v3), and the ReleaseView IT staff see. */

/** A release file as stored: what IT staff see of it, and its blockmap for differential downloads. */
export interface StoredFile extends ReleaseFileView {
  blockmapName: string | null;
  blockmapSize: number | null;
  blockmapSha512: string | null;
  embeddedBlockMapSize: number | null;
}

/** A release as stored: its ReleaseView but for the install count, with the files as stored. */
export interface StoredRelease extends Omit<ReleaseView, 'files' | 'installedCount'> {
  files: StoredFile[];
}

interface ReleaseRow {
  id: string;
  channel: string;
  version: string;
  state: ReleaseState;
  staging_percentage: number;
  staging_divisions: unknown;
  notes: string | null;
  published_at: unknown;
  store_schema: number | null;
  [key: string]: unknown;
}

interface FileRow {
  release_id: string;
  platform: ReleasePlatform;
  name: string;
  size: string;
  sha512: string;
  blockmap_name: string | null;
  blockmap_size: string | null;
  blockmap_sha512: string | null;
  embedded_blockmap_size: string | null;
  [key: string]: unknown;
}

const numberOrNull = (v: string | null) => (v === null ? null : Number(v));

function divisionsOf(v: unknown): string[] {
  const parsed = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

/** Releases (all channels, or one), newest publication first, with their files. */
export async function loadReleases(q: Queryable, where: { channel?: string; id?: string } = {}, lock = false): Promise<StoredRelease[]> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (where.channel !== undefined) conditions.push(`channel = $${params.push(where.channel)}`);
  if (where.id !== undefined) conditions.push(`id = $${params.push(where.id)}`);
  const rows = await q.query<ReleaseRow>(
    `SELECT id, channel, version, state, staging_percentage, staging_divisions, notes, published_at, store_schema FROM releases
     ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY published_at DESC, id${lock ? ' FOR UPDATE' : ''}`,
    params,
  );
  if (rows.length === 0) return [];
  const files = await q.query<FileRow>(
    `SELECT release_id, platform, name, size::text AS size, sha512, blockmap_name, blockmap_size::text AS blockmap_size,
            blockmap_sha512, embedded_blockmap_size::text AS embedded_blockmap_size
     FROM release_files WHERE release_id = ANY($1::text[]) ORDER BY release_id, position`,
    [rows.map((r) => r.id)],
  );
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    version: r.version,
    state: r.state,
    stagingPercentage: r.staging_percentage,
    stagingDivisions: divisionsOf(r.staging_divisions),
    notes: r.notes,
    publishedAt: isoOf(r.published_at),
    storeSchema: r.store_schema,
    files: files
      .filter((f) => f.release_id === r.id)
      .map((f) => ({
        platform: f.platform,
        name: f.name,
        size: Number(f.size),
        sha512: f.sha512,
        blockmapName: f.blockmap_name,
        blockmapSize: numberOrNull(f.blockmap_size),
        blockmapSha512: f.blockmap_sha512,
        embeddedBlockMapSize: numberOrNull(f.embedded_blockmap_size),
      })),
  }));
}

/** The ReleaseViews of stored releases, with how many terminals of the channel report each version. */
export async function toViews(q: Queryable, releases: StoredRelease[]): Promise<ReleaseView[]> {
  const counts = await q.query<{ channel: string; version: string; n: string }>(
    `SELECT update_channel AS channel, app_version AS version, count(*)::text AS n FROM terminals
     WHERE app_version IS NOT NULL AND update_channel = ANY($1::text[]) GROUP BY update_channel, app_version`,
    [[...new Set(releases.map((r) => r.channel))]],
  );
  const installed = new Map(counts.map((c) => [`${c.channel}\n${c.version}`, Number(c.n)]));
  return releases.map((r) => ({
    id: r.id,
    channel: r.channel,
    version: r.version,
    state: r.state,
    stagingPercentage: r.stagingPercentage,
    stagingDivisions: r.stagingDivisions,
    notes: r.notes,
    publishedAt: r.publishedAt,
    storeSchema: r.storeSchema,
    files: r.files.map((f): ReleaseFileView => ({ platform: f.platform, name: f.name, size: f.size, sha512: f.sha512 })),
    installedCount: installed.get(`${r.channel}\n${r.version}`) ?? 0,
  }));
}
