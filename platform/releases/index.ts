import type { ReleaseView } from '../../core/admin/api';
import type { PlatformContext } from '../context';
import { PlatformError } from '../errors';
import { publishRelease, type PublishReleaseInput } from './publish';
import { loadReleases, toViews, type StoredRelease } from './rows';
import { pauseRelease, resumeRelease, rollbackRelease, setReleaseStaging, setTerminalChannel } from './states';
import { checkChannel } from './validate';

export type { PublishReleaseInput } from './publish';

/** The release store and its update feeds (docs/updates.md), for the CLI, the IT admin API and tests. */
export interface ReleaseAdmin {
  publish(input: PublishReleaseInput): Promise<ReleaseView>;
  /** Newest publication first. */
  list(channel?: string): Promise<ReleaseView[]>;
  pause(id: string): Promise<ReleaseView>;
  resume(id: string): Promise<ReleaseView>;
  /** State rolled_back: the previous active release is served again. */
  rollback(id: string): Promise<ReleaseView>;
  setStaging(id: string, staging: { percentage: number; divisions: string[] }): Promise<ReleaseView>;
  setTerminalChannel(terminalId: string, channel: string): Promise<void>;
}

export function releaseDirOf(ctx: PlatformContext): string {
  if (!ctx.releaseDir) throw new PlatformError(503, 'UNAVAILABLE', '平台未配置发布目录，无法管理版本发布');
  return ctx.releaseDir;
}

export function createReleaseAdmin(ctx: PlatformContext): ReleaseAdmin {
  const view = async (r: StoredRelease) => (await toViews(ctx.db, [r]))[0]!;
  return {
    publish: async (input) => view(await publishRelease(ctx, releaseDirOf(ctx), input)),
    list: async (channel) => toViews(ctx.db, await loadReleases(ctx.db, channel === undefined ? {} : { channel: checkChannel(channel) })),
    pause: async (id) => view(await pauseRelease(ctx, releaseDirOf(ctx), id)),
    resume: async (id) => view(await resumeRelease(ctx, releaseDirOf(ctx), id)),
    rollback: async (id) => view(await rollbackRelease(ctx, releaseDirOf(ctx), id)),
    setStaging: async (id, staging) => view(await setReleaseStaging(ctx, releaseDirOf(ctx), id, staging)),
    setTerminalChannel: (terminalId, channel) => setTerminalChannel(ctx, terminalId, channel),
  };
}
