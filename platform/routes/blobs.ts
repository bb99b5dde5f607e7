import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BLOB_MAX_MB, LIMITS, type BlobStatus } from '../../core/sync/protocol';
import { jurisdictionPrefix } from '../auth/jurisdiction';
import { terminalOf } from '../auth/signed-request';
import { rawBody } from '../body';
import type { PlatformContext } from '../context';
import { bufferOf, type Queryable } from '../database/types';
import { PlatformError } from '../errors';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const CONTENT_RANGE = /^bytes (\d{1,9})-(\d{1,9})\/(\d{1,9})$/;
/** Not "forbidden": another village's scan must look exactly like one that does not exist. */
const NO_SUCH_BLOB = '平台上没有这个附件';

function blobName(request: FastifyRequest): string {
  const sha256 = (request.params as { sha256?: string }).sha256 ?? '';
  if (!SHA256_HEX.test(sha256)) throw new PlatformError(400, 'INVALID_REQUEST', '附件名应为64位小写十六进制的 SHA-256');
  return sha256;
}

async function statusOf(db: Queryable, divisionCode: string, sha256: string): Promise<BlobStatus> {
  const [row] = await db.query<{ size: number; received: number; complete: boolean }>(
    'SELECT size, received, complete FROM blobs WHERE division_code = $1 AND sha256 = $2',
    [divisionCode, sha256],
  );
  return row ? { sha256, size: row.size, received: row.received, complete: row.complete } : { sha256, size: null, received: 0, complete: false };
}

function parseContentRange(request: FastifyRequest, chunk: Buffer): { start: number; total: number } {
  const m = CONTENT_RANGE.exec(String(request.headers['content-range'] ?? ''));
  if (!m) throw new PlatformError(400, 'INVALID_REQUEST', '缺少或无法识别 Content-Range（应为 bytes 起-止/总长）');
  const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (total > LIMITS.blobMaxBytes) {
    throw new PlatformError(413, 'BODY_TOO_LARGE', `扫描件超过 ${BLOB_MAX_MB} MB，平台不予接收`, { limit: LIMITS.blobMaxBytes });
  }
  if (chunk.length === 0 || end < start || end >= total || end - start + 1 !== chunk.length) {
    throw new PlatformError(400, 'INVALID_REQUEST', 'Content-Range 与上传内容的长度不符', { contentRange: m[0], bytes: chunk.length });
  }
  return { start, total };
}

type PutOutcome = { kind: 'status'; status: BlobStatus } | { kind: 'range-mismatch'; status: BlobStatus } | { kind: 'hash-mismatch'; status: BlobStatus };

/**
 * Resumable upload (DESIGN.md §5): chunks arrive in order, each starting where the acknowledged bytes end.
 * Blobs are keyed by (division, sha256), so one village's upload is never another's; a township terminal
 * may read the blobs of its villages.
 */
export function registerBlobs(app: FastifyInstance, ctx: PlatformContext): void {
  app.get('/v1/blobs/:sha256/status', async (request): Promise<BlobStatus> => {
    return statusOf(ctx.db, terminalOf(request).divisionCode, blobName(request));
  });

  app.put('/v1/blobs/:sha256', { bodyLimit: LIMITS.blobChunkBytes }, async (request, reply) => {
    const terminal = terminalOf(request);
    const sha256 = blobName(request);
    const chunk = rawBody(request);
    const { start, total } = parseContentRange(request, chunk);
    const at = ctx.now().toISOString();
    const outcome = await ctx.db.transaction(async (tx): Promise<PutOutcome> => {
      await tx.query(
        `INSERT INTO blobs (division_code, sha256, size, received, complete, terminal_id, created_at, updated_at)
         VALUES ($1, $2, $3, 0, false, $4, $5, $5) ON CONFLICT DO NOTHING`,
        [terminal.divisionCode, sha256, total, terminal.id, at],
      );
      const [row] = await tx.query<{ size: number; received: number; complete: boolean }>(
        'SELECT size, received, complete FROM blobs WHERE division_code = $1 AND sha256 = $2 FOR UPDATE',
        [terminal.divisionCode, sha256],
      );
      const current: BlobStatus = { sha256, size: row!.size, received: row!.received, complete: row!.complete };
      if (current.complete) return { kind: 'status', status: current }; // already here: nothing to send again
      if (current.received === 0 && start === 0 && current.size !== total) {
        // Nothing kept yet (or discarded after a hash mismatch): the terminal may start over with another size.
        await tx.query('UPDATE blobs SET size = $3 WHERE division_code = $1 AND sha256 = $2', [terminal.divisionCode, sha256, total]);
        current.size = total;
      }
      if (current.size !== total || start !== current.received) return { kind: 'range-mismatch', status: current };

      await tx.query('INSERT INTO blob_chunks (division_code, sha256, "offset", data) VALUES ($1, $2, $3, $4)', [terminal.divisionCode, sha256, start, chunk]);
      const received = start + chunk.length;
      if (received < total) {
        await tx.query('UPDATE blobs SET received = $3, updated_at = $4 WHERE division_code = $1 AND sha256 = $2', [
          terminal.divisionCode,
          sha256,
          received,
          at,
        ]);
        return { kind: 'status', status: { ...current, received } };
      }
      const chunks = await tx.query<{ data: unknown }>('SELECT data FROM blob_chunks WHERE division_code = $1 AND sha256 = $2 ORDER BY "offset"', [
        terminal.divisionCode,
        sha256,
      ]);
      const hash = createHash('sha256');
      for (const c of chunks) hash.update(bufferOf(c.data));
      if (hash.digest('hex') !== sha256) {
        // Discard it all (committed), so the terminal starts over from byte 0.
        await tx.query('DELETE FROM blob_chunks WHERE division_code = $1 AND sha256 = $2', [terminal.divisionCode, sha256]);
        await tx.query('UPDATE blobs SET received = 0, updated_at = $3 WHERE division_code = $1 AND sha256 = $2', [terminal.divisionCode, sha256, at]);
        return { kind: 'hash-mismatch', status: { ...current, received: 0 } };
      }
      await tx.query('UPDATE blobs SET received = $3, complete = true, updated_at = $4 WHERE division_code = $1 AND sha256 = $2', [
        terminal.divisionCode,
        sha256,
        received,
        at,
      ]);
      return { kind: 'status', status: { ...current, received, complete: true } };
    });
    if (outcome.kind === 'range-mismatch') {
      throw new PlatformError(409, 'RANGE_MISMATCH', '上传位置与平台已收到的字节数不符，请从平台告知的位置续传', { ...outcome.status });
    }
    if (outcome.kind === 'hash-mismatch') {
      throw new PlatformError(422, 'HASH_MISMATCH', '附件内容与其 SHA-256 不符，平台已丢弃，请重新上传', { ...outcome.status });
    }
    reply.code(200);
    return outcome.status;
  });

  app.get('/v1/blobs/:sha256', async (request, reply) => {
    const terminal = terminalOf(request);
    const sha256 = blobName(request);
    const [blob] = await ctx.db.query<{ division_code: string }>(
      `SELECT division_code FROM blobs WHERE sha256 = $1 AND complete AND division_code LIKE $2
       ORDER BY division_code = $3 DESC, division_code LIMIT 1`,
      [sha256, `${jurisdictionPrefix(terminal.divisionCode)}%`, terminal.divisionCode],
    );
    if (!blob) throw new PlatformError(404, 'NOT_FOUND', NO_SUCH_BLOB);
    const chunks = await ctx.db.query<{ data: unknown }>('SELECT data FROM blob_chunks WHERE division_code = $1 AND sha256 = $2 ORDER BY "offset"', [
      blob.division_code,
      sha256,
    ]);
    reply.header('content-type', 'application/octet-stream');
    return Buffer.concat(chunks.map((c) => bufferOf(c.data)));
  });
}
