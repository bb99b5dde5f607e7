import type { z } from 'zod';
import { describeIssue } from '../core/refusal';
import type { PlatformErrorBody, PlatformErrorCode } from '../core/sync/protocol';

/**
 * A refusal the platform answers on purpose: a stable code from the protocol, an HTTP status and a Chinese
 * message for the person reading the terminal's sync panel (or the IT staff at the command line).
 */
export class PlatformError extends Error {
  override readonly name = 'PlatformError';
  constructor(
    readonly status: number,
    readonly code: PlatformErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  toBody(): PlatformErrorBody {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export function isPlatformError(e: unknown): e is PlatformError {
  return e instanceof PlatformError;
}

/** Input the admin operations refuse (bad division code, unknown user …): the CLI prints the message. */
export function invalidInput(message: string, details?: Record<string, unknown>): PlatformError {
  return new PlatformError(400, 'INVALID_REQUEST', message, details);
}

export function notFound(message: string): PlatformError {
  return new PlatformError(404, 'NOT_FOUND', message);
}

export const INTERNAL_ERROR_MESSAGE = '平台内部出现异常，本次请求未完成，请稍后重试；多次失败请联系省级平台运维人员。';

/**
 * A document IT staff publish (a catalog version, a year of holidays), read with its schema or refused with the
 * first problem in Chinese (`<what>格式不正确：<path> <problem>`) and up to twenty of them in the details.
 */
export function parseOrRefuse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw invalidInput(`${what}格式不正确：${first ? `${first.path.join('.') || '(根)'} ${describeIssue(first)}` : ''}`, {
    issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: describeIssue(i) })),
  });
}
