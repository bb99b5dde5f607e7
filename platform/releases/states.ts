import type { ReleaseState } from '../../core/admin/api';
import type { PlatformContext } from '../context';
import type { Queryable } from '../database/types';
import { invalidInput, notFound, PlatformError } from '../errors';
import { writeChannelFeeds } from './feed';
import { loadReleases, type StoredRelease } from './rows';
import { checkChannel, checkStaging, isUuid } from './validate';
import { compareVersions } from '../../core/versions';

/** Pause, resume, roll back, restage a release; move a terminal to another channel. One transaction each. */

const STATE_LABEL: Record<ReleaseState, string> = { active: '推送中', paused: '已暂停', rolled_back: '已回退' };

async function lockRelease(tx: Queryable, id: string): Promise<StoredRelease> {
  const [release] = await loadReleases(tx, { id }, true);
  if (!release) throw notFound(`没有编号为 ${id} 的发布（可用 release list 查看发布编号）`);
  return release;
}

function refuse(message: string): PlatformError {
  return new PlatformError(409, 'INVALID_REQUEST', message);
}

/** Runs a change to one release, then rewrites its channel's feed files. */
async function change(ctx: PlatformContext, releaseDir: string, id: string, fn: (tx: Queryable, r: StoredRelease) => Promise<void>): Promise<StoredRelease> {
  const channel = await ctx.db.transaction(async (tx) => {
    const release = await lockRelease(tx, id);
    await fn(tx, release);
    return release.channel;
  });
  await writeChannelFeeds(releaseDir, channel, await loadReleases(ctx.db, { channel }));
  return (await loadReleases(ctx.db, { id }))[0]!;
}

async function setState(tx: Queryable, ctx: PlatformContext, id: string, state: ReleaseState): Promise<void> {
  await tx.query('UPDATE releases SET state = $2, updated_at = $3 WHERE id = $1', [id, state, ctx.now().toISOString()]);
}

export function pauseRelease(ctx: PlatformContext, releaseDir: string, id: string): Promise<StoredRelease> {
  return change(ctx, releaseDir, id, async (tx, r) => {
    if (r.state !== 'active') throw refuse(`发布 ${id} ${STATE_LABEL[r.state]}，只有推送中的发布可以暂停`);
    await setState(tx, ctx, id, 'paused');
    ctx.log.warn({ releaseId: id }, 'release paused');
  });
}

export function resumeRelease(ctx: PlatformContext, releaseDir: string, id: string): Promise<StoredRelease> {
  return change(ctx, releaseDir, id, async (tx, r) => {
    if (r.state === 'rolled_back') throw refuse(`发布 ${id} 已回退，不能恢复推送；如问题已修复，请发布新版本`);
    if (r.state !== 'paused') throw refuse(`发布 ${id} 正在推送，无需恢复`);
    await setState(tx, ctx, id, 'active');
    ctx.log.info({ releaseId: id }, 'release resumed');
  });
}

/**
 * Marks a release rolled back: its channel serves the newest earlier release again, and terminals that took
 * the bad one are offered that (they allow downgrades). Refused when there is nothing earlier to go back to.
 */
export function rollbackRelease(ctx: PlatformContext, releaseDir: string, id: string): Promise<StoredRelease> {
  return change(ctx, releaseDir, id, async (tx, r) => {
    if (r.state === 'rolled_back') throw refuse(`发布 ${id} 已经回退过了`);
    const others = await loadReleases(tx, { channel: r.channel });
    const earlier = others.some((o) => o.id !== id && o.state !== 'rolled_back' && compareVersions(o.version, r.version) < 0);
    if (!earlier) {
      throw refuse(`通道 ${r.channel} 中没有比 ${r.version} 更早的可用版本，无法回退；如需停止推送，请使用暂停（release pause）`);
    }
    await setState(tx, ctx, id, 'rolled_back');
    ctx.log.warn({ releaseId: id }, 'release rolled back');
  });
}

export function setReleaseStaging(
  ctx: PlatformContext,
  releaseDir: string,
  id: string,
  staging: { percentage: number; divisions: string[] },
): Promise<StoredRelease> {
  const checked = checkStaging(staging.percentage, staging.divisions);
  return change(ctx, releaseDir, id, async (tx, r) => {
    if (r.state === 'rolled_back') throw refuse(`发布 ${id} 已回退，不能再调整推送范围`);
    await tx.query('UPDATE releases SET staging_percentage = $2, staging_divisions = $3::jsonb, updated_at = $4 WHERE id = $1', [
      id,
      checked.percentage,
      JSON.stringify(checked.divisions),
      ctx.now().toISOString(),
    ]);
    ctx.log.info({ releaseId: id, staging: checked }, 'release staging changed');
  });
}

export async function setTerminalChannel(ctx: PlatformContext, terminalId: string, channel: string): Promise<void> {
  if (!isUuid(terminalId)) throw invalidInput('终端编号格式不正确（应为UUID）');
  const checked = checkChannel(channel);
  const rows = await ctx.db.query('UPDATE terminals SET update_channel = $2 WHERE id = $1 RETURNING id', [terminalId, checked]);
  if (rows.length === 0) throw notFound(`没有编号为 ${terminalId} 的终端`);
  ctx.log.info({ terminalId, channel: checked }, 'terminal moved to another update channel');
}
