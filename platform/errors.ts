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
