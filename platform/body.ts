import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { checkInput, firstRefusal } from '../core/refusal';
import { LIMITS } from '../core/sync/protocol';
import { PlatformError } from './errors';

const gunzipAsync = promisify(gunzip);

/** The request body bytes as they came over the wire (every content type is read as a Buffer). */
export function rawBody(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

/** Inflates a gzipped body with a hard ceiling, so a gzip bomb is a 413 and never a crash. */
async function inflate(request: FastifyRequest, raw: Buffer): Promise<Buffer> {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toString().trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return raw;
  if (encoding !== 'gzip') throw new PlatformError(400, 'INVALID_REQUEST', `平台不支持该内容编码（${encoding}），请使用 gzip 或不压缩`);
  try {
    return await gunzipAsync(raw, { maxOutputLength: LIMITS.outboxBatchBytes });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw new PlatformError(413, 'BODY_TOO_LARGE', `请求内容解压后超过 ${LIMITS.outboxBatchBytes} 字节，请分批发送`, {
        limit: LIMITS.outboxBatchBytes,
      });
    }
    throw new PlatformError(400, 'INVALID_REQUEST', '请求内容不是有效的 gzip 数据');
  }
}

/** Inflates, parses and validates a JSON body against a protocol schema (400 INVALID_REQUEST when it fails). */
export async function readJsonBody<S extends z.ZodType>(request: FastifyRequest, schema: S): Promise<z.infer<S>> {
  const bytes = await inflate(request, rawBody(request));
  if (bytes.length > LIMITS.outboxBatchBytes) {
    throw new PlatformError(413, 'BODY_TOO_LARGE', `请求内容超过 ${LIMITS.outboxBatchBytes} 字节，请分批发送`, { limit: LIMITS.outboxBatchBytes });
  }
  return validBody(schema, parseJsonBody(bytes), '请求内容不符合同步协议');
}

/** The body bytes as JSON (400 INVALID_REQUEST when they are not). */
export function parseJsonBody(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new PlatformError(400, 'INVALID_REQUEST', '请求内容不是有效的 JSON');
  }
}

/**
 * A parsed body checked against `schema` (core/refusal.ts `checkInput`: no 5,000-level nesting, no prototype
 * keys, no NUL or lone surrogate a PostgreSQL text column would refuse with a 500). When it fails: 400
 * INVALID_REQUEST, `what` and the first refusal as the message, the first 20 refused fields as details.
 */
export function validBody<S extends z.ZodType>(schema: S, json: unknown, what: string): z.infer<S> {
  const checked = checkInput(schema, json, { maxDepth: 64 });
  if (checked.ok) return checked.value;
  throw new PlatformError(400, 'INVALID_REQUEST', `${what}：${firstRefusal(checked.fields)}`, {
    issues: Object.entries(checked.fields)
      .slice(0, 20)
      .map(([path, message]) => ({ path, message })),
  });
}
