/**
 * Every refusal in Daiban carries a stable machine code and a Chinese message written for a cadre.
 * `details.fields` maps a form field (dot path) to its own Chinese message, so a UI can mark each one.
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_ID_NUMBER'
  | 'INVALID_DIVISION_CODE'
  | 'FORM_INVALID'
  | 'MATERIALS_MISSING'
  | 'NOT_FOUND'
  | 'DUPLICATE_RESIDENT'
  | 'ILLEGAL_TRANSITION'
  | 'AUTH_REQUIRED'
  | 'AUTH_FAILED'
  | 'ACCOUNT_LOCKED'
  | 'ACCOUNT_DISABLED'
  | 'FORBIDDEN'
  | 'ATTACHMENT_UNSUPPORTED'
  | 'ATTACHMENT_TOO_LARGE'
  | 'PRINTER_FAILED'
  | 'STORE_CORRUPT'
  | 'STORE_KEY_WRONG'
  | 'INTERNAL';

export interface ErrorDetails {
  fields?: Record<string, string>;
  [key: string]: unknown;
}

export class DaibanError extends Error {
  override readonly name = 'DaibanError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }

  toJSON(): { code: ErrorCode; message: string; details?: ErrorDetails } {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export function isDaibanError(e: unknown): e is DaibanError {
  return e instanceof DaibanError;
}

/** Result type for pure validators whose refusals are expected, not exceptional. */
export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };
