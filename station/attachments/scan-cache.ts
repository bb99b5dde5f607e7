import { DaibanError, isDaibanError } from '../../core/errors';
import type { StationContext } from '../context';
import { isSyncError } from '../sync/errors';

/** Fetches a scan's bytes from the platform by name (the sync agent's signed download); null when it could not. */
export type DownloadScan = (sha256: string) => Promise<Buffer | null>;

const NOT_DOWNLOADED = '该附件尚未下载到本机，网络恢复后再查看。';

/**
 * A scan's bytes from this PC's encrypted store, else from the platform (then kept), so a page looked at once
 * can be looked at again with the link down: a township's replica of its villages' applications, and a
 * village's applications taken on its other terminals (or before this PC replaced a dead one).
 */
export async function cachedScan(ctx: StationContext, sha256: string, download: DownloadScan): Promise<Buffer> {
  if (!ctx.blobs.has(sha256)) {
    let data: Buffer | null;
    try {
      data = await download(sha256);
    } catch (e) {
      if (!isSyncError(e) && !isDaibanError(e)) throw e;
      if (isSyncError(e) && e.info.status === 404) {
        throw new DaibanError('NOT_FOUND', '省级平台上还没有这份扫描件，请待受理它的终端上传后再查看。', { sha256 });
      }
      ctx.log.info({ sha256, err: e }, 'scan not downloaded');
      throw new DaibanError('PLATFORM_UNREACHABLE', NOT_DOWNLOADED, { sha256 });
    }
    if (!data) throw new DaibanError('PLATFORM_UNREACHABLE', NOT_DOWNLOADED, { sha256 });
    ctx.blobs.put(data);
  }
  return ctx.blobs.get(sha256);
}
