import { ADMIN_PREFIX } from '../../core/admin/api';
import { DaibanError, type ErrorCode } from '../../core/errors';
import { IT_MESSAGES } from './messages';

export interface AdminRequest {
  /** The platform address the terminal was enrolled with. */
  baseUrl: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Below /admin/v1, e.g. `/fleet`. */
  path: string;
  json?: unknown;
  token?: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

/** The station's own code for a platform refusal: the UI acts on a few (fields, password again), shows the rest. */
function codeFor(status: number, platformCode: string): ErrorCode {
  if (status === 401) return platformCode === 'ADMIN_LOGIN_FAILED' ? 'AUTH_FAILED' : 'IT_PASSWORD_REQUIRED';
  if (status === 400 || status === 422) return 'INVALID_INPUT';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  return 'PLATFORM_REFUSED';
}

function refusal(status: number, body: unknown): DaibanError {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : null;
  if (!b || typeof b.code !== 'string') {
    // Not the platform's JSON: a proxy's error page, a captive portal, or the platform's own crash page.
    if (status >= 500 || status === 429) return new DaibanError('PLATFORM_UNREACHABLE', IT_MESSAGES.busy, { status });
    return new DaibanError('PLATFORM_UNREACHABLE', IT_MESSAGES.intercepted, { status });
  }
  const platformCode = b.code;
  const message =
    typeof b.message === 'string' && hasHan(b.message)
      ? b.message
      : status >= 500 || status === 429
        ? IT_MESSAGES.busy
        : `省级平台拒绝了本次操作（错误代码 ${platformCode}）。`;
  const details = b.details && typeof b.details === 'object' ? (b.details as Record<string, unknown>) : {};
  const fields = details.fields && typeof details.fields === 'object' ? (details.fields as Record<string, string>) : undefined;
  return new DaibanError(codeFor(status, platformCode), message, { ...(fields ? { fields } : {}), platformCode, status });
}

/**
 * One call to the platform's admin API. Resolves with the parsed JSON body (null for 204); every failure is a
 * DaibanError with a Chinese message: the platform's own when it gave one, ours for the network.
 */
export async function adminRequest(r: AdminRequest): Promise<unknown> {
  const url = r.baseUrl.replace(/\/+$/, '') + ADMIN_PREFIX + r.path;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (r.json !== undefined) headers['content-type'] = 'application/json';
  if (r.token) headers.authorization = `Bearer ${r.token}`;
  const timeout = AbortSignal.timeout(r.timeoutMs);
  let res: Response;
  let text: string;
  try {
    res = await (r.fetch ?? fetch)(url, {
      method: r.method,
      headers,
      body: r.json === undefined ? undefined : JSON.stringify(r.json),
      // The platform never redirects; a captive portal does.
      redirect: 'manual',
      signal: timeout,
    });
    text = await res.text();
  } catch (e) {
    if (timeout.aborted) throw new DaibanError('PLATFORM_UNREACHABLE', IT_MESSAGES.timeout(Math.round(r.timeoutMs / 1000)), { cause: String(e) });
    throw new DaibanError('PLATFORM_UNREACHABLE', IT_MESSAGES.offline(r.baseUrl), { cause: String(e) });
  }
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (res.status >= 200 && res.status < 300) {
    if (body === undefined) throw new DaibanError('PLATFORM_UNREACHABLE', IT_MESSAGES.unreadable, { status: res.status });
    return body;
  }
  if (res.status >= 300 && res.status < 400) throw new DaibanError('PLATFORM_UNREACHABLE', IT_MESSAGES.intercepted, { status: res.status });
  throw refusal(res.status, body);
}
