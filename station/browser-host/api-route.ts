import type { IncomingMessage, ServerResponse } from 'node:http';
import { isStationMethod } from '../../core/api/schemas';
import type { StationErrorBody } from '../../core/api/station-api';
import { toErrorBody } from '../../core/errors';
import type { Station } from '../station';
import { readBody } from './read-body';
import { BASE_SECURITY_HEADERS } from './security-headers';
import { httpStatusFor } from './status';

/** Attachments travel as base64 inside the JSON body: a 20 MB scan is about 27 MB of text. */
export const API_BODY_LIMIT = 30 * 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(value === undefined ? null : value);
  res.writeHead(status, {
    ...BASE_SECURITY_HEADERS,
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    // Answers carry personal data: never keep them in a cache.
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

export function sendError(res: ServerResponse, error: StationErrorBody, extra: Record<string, string> = {}): void {
  sendJson(res, httpStatusFor(error.code), error, extra);
}

/** `POST /api/<method>`: an authenticated, same-origin request whose JSON body is the method's input. */
export async function handleApiCall(req: IncomingMessage, res: ServerResponse, station: Station, method: string): Promise<void> {
  if (req.method !== 'POST') {
    return sendError(res, { code: 'METHOD_NOT_ALLOWED', message: '接口只接受 POST 请求。' }, { Allow: 'POST' });
  }
  if (!isStationMethod(method)) {
    return sendError(res, { code: 'UNKNOWN_METHOD', message: `未知的操作：${method}` });
  }
  const read = await readBody(req, API_BODY_LIMIT);
  if (!read.ok) {
    if (read.reason === 'aborted') return void res.destroy();
    return sendError(
      res,
      { code: 'REQUEST_TOO_LARGE', message: '提交的内容太大（超过30 MB），单个扫描件不能超过20 MB，请降低扫描分辨率后重试。' },
      { Connection: 'close' },
    );
  }

  let input: unknown = {};
  if (read.body.length > 0) {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      return sendError(res, { code: 'INVALID_INPUT', message: '请求内容应为 JSON（Content-Type: application/json）。' });
    }
    try {
      input = JSON.parse(read.body.toString('utf8'));
    } catch {
      return sendError(res, { code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON。' });
    }
  }

  try {
    const value = await station.call(method, input as never);
    sendJson(res, 200, value);
  } catch (e) {
    // The station has already logged anything unexpected.
    sendError(res, toErrorBody(e));
  }
}
