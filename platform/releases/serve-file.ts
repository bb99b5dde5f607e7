import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import rangeParser from 'range-parser';
import { notFound, PlatformError } from '../errors';

/**
 * Serves a stored release file the way electron-updater's downloaders expect: whole, one range (206 with
 * Content-Range), or several ranges in one multipart/byteranges answer (the differential downloader asks for
 * up to 1000 at once, in its own order, and reads the parts back in that order: they are never merged or
 * reordered here). Streamed from disk; HEAD answers the headers only.
 */

/** More ranges than this in one request are answered with the whole file (RFC 9110 allows ignoring Range). */
const MAX_RANGES = 2000;
const READ_CHUNK = 256 * 1024;

interface ByteRange {
  start: number;
  end: number;
}

function partHead(boundary: string, r: ByteRange, size: number, index: number): Buffer {
  return Buffer.from(
    `${index === 0 ? '' : '\r\n'}--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes ${r.start}-${r.end}/${size}\r\n\r\n`,
    'latin1',
  );
}

/** The multipart body, read from one file handle range by range (never the whole file in memory). */
function multipartBody(path: string, ranges: ByteRange[], size: number, boundary: string): Readable {
  return Readable.from(
    (async function* () {
      const file = await open(path, 'r');
      try {
        for (const [i, r] of ranges.entries()) {
          yield partHead(boundary, r, size, i);
          for (let at = r.start; at <= r.end;) {
            const length = Math.min(READ_CHUNK, r.end - at + 1);
            const { bytesRead, buffer } = await file.read(Buffer.allocUnsafe(length), 0, length, at);
            if (bytesRead === 0) throw new Error('release file shrank while it was being served');
            yield buffer.subarray(0, bytesRead);
            at += bytesRead;
          }
        }
        yield Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1');
      } finally {
        await file.close();
      }
    })(),
    { objectMode: false },
  );
}

function multipartLength(ranges: ByteRange[], size: number, boundary: string): number {
  let total = Buffer.byteLength(`\r\n--${boundary}--\r\n`, 'latin1');
  for (const [i, r] of ranges.entries()) total += partHead(boundary, r, size, i).length + (r.end - r.start + 1);
  return total;
}

/** The ranges to answer with, null for the whole file, or 'unsatisfiable'. */
function requestedRanges(request: FastifyRequest, size: number, etag: string): ByteRange[] | null | 'unsatisfiable' {
  const header = request.headers.range;
  if (typeof header !== 'string') return null;
  // If-Range with another validator: the file changed since the client's partial copy, so send it whole.
  const ifRange = request.headers['if-range'];
  if (typeof ifRange === 'string' && ifRange !== etag) return null;
  const parsed = rangeParser(size, header, { combine: false });
  if (parsed === -1) return 'unsatisfiable';
  if (parsed === -2 || parsed.type !== 'bytes' || parsed.length > MAX_RANGES) return null;
  return parsed.map((r) => ({ start: r.start, end: r.end }));
}

export async function sendReleaseFile(request: FastifyRequest, reply: FastifyReply, path: string, etag: string): Promise<FastifyReply> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw notFound('平台上找不到这个更新文件');
  const size = info.size;
  const head = request.method === 'HEAD';
  reply.header('accept-ranges', 'bytes').header('etag', etag).header('cache-control', 'no-cache');

  const ifNoneMatch = request.headers['if-none-match'];
  if (typeof ifNoneMatch === 'string' && ifNoneMatch.split(',').some((t) => t.trim() === etag)) {
    return reply.code(304).send();
  }

  const ranges = requestedRanges(request, size, etag);
  if (ranges === 'unsatisfiable') {
    reply.header('content-range', `bytes */${size}`);
    throw new PlatformError(416, 'RANGE_MISMATCH', '请求的文件范围超出了文件大小');
  }
  if (ranges === null) {
    reply.code(200).header('content-type', 'application/octet-stream').header('content-length', size);
    return head ? reply.send() : reply.send(createReadStream(path));
  }
  if (ranges.length === 1) {
    const [r] = ranges as [ByteRange];
    reply
      .code(206)
      .header('content-type', 'application/octet-stream')
      .header('content-range', `bytes ${r.start}-${r.end}/${size}`)
      .header('content-length', r.end - r.start + 1);
    return head ? reply.send() : reply.send(createReadStream(path, { start: r.start, end: r.end }));
  }
  const boundary = randomBytes(16).toString('hex');
  reply
    .code(206)
    .header('content-type', `multipart/byteranges; boundary=${boundary}`)
    .header('content-length', multipartLength(ranges, size, boundary));
  return head ? reply.send() : reply.send(multipartBody(path, ranges, size, boundary));
}
