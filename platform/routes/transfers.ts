import { rmSync, writeFileSync, appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TRANSFER_LIMITS, type TransferRelayResponse } from '../../core/sync/protocol';
import { terminalOf } from '../auth/signed-request';
import { rawBody } from '../body';
import type { PlatformContext } from '../context';
import { bufferOf } from '../database/types';
import { PlatformError } from '../errors';
import { importOutboxFile } from '../transfer/import';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OFFSET = /^(0|[1-9]\d{0,11})$/;

function uploadId(request: FastifyRequest): string {
  const id = (request.params as { uploadId?: string }).uploadId ?? '';
  if (!UUID.test(id)) throw new PlatformError(400, 'INVALID_REQUEST', '上传编号格式不正确');
  return id;
}

/**
 * A township (or county) terminal relays a village's outbox file it was handed on a stick (docs/transfer-files.md):
 * the file goes up in parts (`PUT …?offset=`; a part sent twice is stored once), then `POST …/import` imports
 * it exactly as the IT command line would and answers with the village's return file. Parts are the relaying
 * terminal's own: another terminal's upload id finds nothing.
 */
export function registerTransfers(app: FastifyInstance, ctx: PlatformContext): void {
  app.put('/v1/transfers/:uploadId', { bodyLimit: TRANSFER_LIMITS.partBytes }, async (request, reply) => {
    const terminal = terminalOf(request);
    if (terminal.role === 'village') throw new PlatformError(403, 'FORBIDDEN', '村级终端联网时直接同步即可；U盘文件由乡镇终端或县级运维代为导入');
    const id = uploadId(request);
    const offset = (request.query as { offset?: unknown }).offset;
    if (typeof offset !== 'string' || !OFFSET.test(offset)) throw new PlatformError(400, 'INVALID_REQUEST', '分段位置格式不正确');
    const data = rawBody(request);
    if (data.length === 0) throw new PlatformError(400, 'INVALID_REQUEST', '分段内容是空的');
    if (Number(offset) + data.length > TRANSFER_LIMITS.fileBytes) throw new PlatformError(413, 'BODY_TOO_LARGE', '传输文件过大');
    await ctx.db.query(`INSERT INTO transfer_uploads (upload_id, terminal_id, "offset", data, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [
      id,
      terminal.id,
      offset,
      data,
      ctx.now().toISOString(),
    ]);
    return reply.status(204).send();
  });

  app.post('/v1/transfers/:uploadId/import', async (request): Promise<TransferRelayResponse> => {
    const terminal = terminalOf(request);
    const id = uploadId(request);
    // The offsets first, then one part at a time: a file of hundreds of megabytes never sits in memory whole.
    // Ordered by the number, not by its text (an alias of the same name would sort "12582912" before "4194304").
    const parts = await ctx.db.query<{ at_byte: string }>(
      `SELECT u."offset"::text AS at_byte FROM transfer_uploads u WHERE u.upload_id = $1 AND u.terminal_id = $2 ORDER BY u."offset"`,
      [id, terminal.id],
    );
    if (parts.length === 0) throw new PlatformError(404, 'NOT_FOUND', '平台上没有这个上传的文件，请重新上传');
    const dir = mkdtempSync(join(tmpdir(), 'daiban-transfer-'));
    const path = join(dir, 'outbox.daiban');
    try {
      writeFileSync(path, Buffer.alloc(0), { mode: 0o600 });
      let at = 0;
      for (const p of parts) {
        if (Number(p.at_byte) !== at) throw new PlatformError(409, 'RANGE_MISMATCH', '上传的文件缺了一段，请重新上传', { expected: at });
        const [part] = await ctx.db.query<{ data: unknown }>(
          `SELECT data FROM transfer_uploads WHERE upload_id = $1 AND terminal_id = $2 AND "offset" = $3::bigint`,
          [id, terminal.id, p.at_byte],
        );
        const data = bufferOf(part!.data);
        appendFileSync(path, data);
        at += data.length;
      }
      const done = await importOutboxFile(ctx, path, { relayedBy: terminal });
      await ctx.db.query('DELETE FROM transfer_uploads WHERE upload_id = $1 AND terminal_id = $2', [id, terminal.id]);
      return {
        returnFile: done.returnFile.toString('base64'),
        returnFileId: done.returnFileId,
        villageCode: done.terminal.divisionCode,
        messages: done.messages,
        accepted: done.tally.accepted,
        duplicate: done.tally.duplicate,
        invalid: done.tally.invalid + done.tally.conflict,
        changes: done.changes,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
