import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { DaibanError } from '../../core/errors';
import { TRANSFER_LIMITS, transferRelayResponseSchema } from '../../core/sync/protocol';
import { isSyncError } from '../sync/errors';
import type { PlatformClient } from '../sync/http-client';
import type { Relay } from './import';

/**
 * A township relays a village's outbox file it was handed on a stick (docs/transfer-files.md): up in parts,
 * then imported on the platform, which answers with the village's return file. Online only: offline or refused
 * is said in Chinese, and nothing is kept half-done here (the parts are the platform's to purge).
 */
export function platformRelay(client: () => PlatformClient | null): Relay {
  return async (path) => {
    const c = client();
    if (!c) throw new DaibanError('NOT_ENROLLED', '本机还没有接入省级平台，不能代为上报。');
    const uploadId = uuidv7();
    const size = statSync(path).size;
    // One part in memory at a time: a village's weeks of scans may be hundreds of megabytes.
    const fd = openSync(path, 'r');
    try {
      for (let offset = 0; offset < size; offset += TRANSFER_LIMITS.partBytes) {
        const part = Buffer.alloc(Math.min(TRANSFER_LIMITS.partBytes, size - offset));
        readSync(fd, part, 0, part.length, offset);
        const res = await c.call({
          method: 'PUT',
          path: `/v1/transfers/${uploadId}?offset=${offset}`,
          bytes: part,
          headers: { 'content-type': 'application/octet-stream' },
          timeoutMs: 300_000,
        });
        if (res.status !== 204) throw c.errorOf(res);
      }
      const done = await c.json({ method: 'POST', path: `/v1/transfers/${uploadId}/import`, json: {}, timeoutMs: 600_000 }, transferRelayResponseSchema);
      return { ...done, returnFile: Buffer.from(done.returnFile, 'base64') };
    } catch (e) {
      if (!isSyncError(e)) throw e;
      if (e.code === 'TRANSFER_REFUSED') throw new DaibanError('TRANSFER_REFUSED', e.message, { reason: e.info.details?.reason ?? null });
      if (e.kind === 'offline' || e.kind === 'timeout' || e.kind === 'intercepted') {
        throw new DaibanError('PLATFORM_UNREACHABLE', '乡镇终端现在连不上省级平台，请联网后再导入这个文件（文件本身不受影响）。');
      }
      throw new DaibanError('SYNC_FAILED', e.message);
    } finally {
      closeSync(fd);
    }
  };
}
