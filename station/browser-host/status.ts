import type { ErrorCode } from '../../core/errors';

/**
 * The HTTP status of each refusal code (core/errors.ts); the type makes a new code without a status a
 * compile error, so no refusal of bad input can come out as a 500. Only faults of this PC (a broken
 * store, an unexpected error) are 5xx.
 */
const STATUS: Record<ErrorCode | 'UNAUTHORIZED_CLIENT' | 'UNKNOWN_METHOD' | 'METHOD_NOT_ALLOWED' | 'REQUEST_TOO_LARGE', number> = {
  INVALID_INPUT: 400,
  INVALID_ID_NUMBER: 400,
  INVALID_DIVISION_CODE: 400,
  FORM_INVALID: 400,
  MATERIALS_MISSING: 400,
  RECEIPT_CODE_INVALID: 400,
  ATTACHMENT_UNSUPPORTED: 400,
  ATTACHMENT_TOO_LARGE: 413,
  AUTH_REQUIRED: 401,
  AUTH_FAILED: 401,
  UNAUTHORIZED_CLIENT: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  SESSION_LOCKED: 403,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  HOUSEHOLD_CONFLICT: 409,
  UNKNOWN_METHOD: 404,
  METHOD_NOT_ALLOWED: 405,
  DUPLICATE_RESIDENT: 409,
  ILLEGAL_TRANSITION: 409,
  REQUEST_TOO_LARGE: 413,
  ACCOUNT_LOCKED: 423,
  INTERNAL: 500,
  STORE_CORRUPT: 500,
  STORE_KEY_WRONG: 500,
  // The printer itself failed (paper out, queue stopped); an unknown printer id is NOT_FOUND.
  PRINTER_FAILED: 503,
  // The ID card reader: none configured or unplugged, and no card on it, are the counter's state (the cadre's to
  // fix, or to type the number); a read that failed is a device answering badly, like a platform out of reach.
  ID_READER_UNAVAILABLE: 409,
  ID_CARD_ABSENT: 409,
  ID_CARD_READ_FAILED: 502,
  ALREADY_RATED: 409,
  STORE_NEWER: 409,
  // IT operations
  IT_PASSWORD_REQUIRED: 401,
  PLATFORM_REFUSED: 422,
  UPDATE_NOT_READY: 409,
  UPDATE_BUSY: 409,
  UPDATE_UNSUPPORTED: 409,
  BACKUP_INVALID: 422,
  TRANSFER_REFUSED: 422,
  RESTORE_FAILED: 500,
  // Enrollment and sync: the platform is another machine; its absence is not this server's fault.
  NOT_ENROLLED: 409,
  ALREADY_ENROLLED: 409,
  ENROLL_FAILED: 422,
  PLATFORM_UNREACHABLE: 502,
  SYNC_FAILED: 502,
};

export function httpStatusFor(code: string): number {
  return Object.hasOwn(STATUS, code) ? STATUS[code as keyof typeof STATUS] : 500;
}
