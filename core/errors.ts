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
  | 'HOUSEHOLD_CONFLICT'
  | 'DUPLICATE_RESIDENT'
  | 'ILLEGAL_TRANSITION'
  | 'AUTH_REQUIRED'
  | 'AUTH_FAILED'
  | 'ACCOUNT_LOCKED'
  | 'ACCOUNT_DISABLED'
  | 'FORBIDDEN'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'SESSION_LOCKED'
  | 'ATTACHMENT_UNSUPPORTED'
  | 'ATTACHMENT_TOO_LARGE'
  | 'PRINTER_FAILED'
  /** A scanned text that holds no receipt code (receipts.verify). */
  | 'RECEIPT_CODE_INVALID'
  | 'STORE_CORRUPT'
  /** The store was migrated by a newer build than this one (a rollback past a migration), and no backup helps. */
  | 'STORE_NEWER'
  | 'STORE_KEY_WRONG'
  | 'NOT_ENROLLED'
  | 'ALREADY_ENROLLED'
  | 'ENROLL_FAILED'
  | 'PLATFORM_UNREACHABLE'
  | 'SYNC_FAILED'
  /** App updates (station/updates): nothing downloaded yet / a save still running / no updater here. */
  | 'UPDATE_NOT_READY'
  | 'UPDATE_BUSY'
  | 'UPDATE_UNSUPPORTED'
  /** IT console: the platform session is missing or expired; the IT worker re-enters the password. */
  | 'IT_PASSWORD_REQUIRED'
  /** IT console: the platform refused the request for a reason of its own (its message is passed on). */
  | 'PLATFORM_REFUSED'
  /** Backups (station/backup): the backup failed its check / the swap could not finish (the old store is back). */
  | 'BACKUP_INVALID'
  | 'RESTORE_FAILED'
  /** The ID card reader (station/id-card): none configured or unplugged / no card on it / the read failed. */
  | 'ID_READER_UNAVAILABLE'
  | 'ID_CARD_ABSENT'
  | 'ID_CARD_READ_FAILED'
  /** 好差评 (station/ratings): this application was rated at this stage already (一次一评). */
  | 'ALREADY_RATED'
  /** A transfer file (USB) refused: details.reason is foreign, damaged, tampered, expired, replayed or unavailable. */
  | 'TRANSFER_REFUSED'
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

/** What the cadre reads when something unexpected broke: the work already saved is safe, try again. */
export const INTERNAL_MESSAGE = '系统出现异常，本次操作未完成，已保存的内容不受影响。请重试，仍不行请联系县级运维人员。';

/** The JSON refusal of anything thrown: a DaibanError as it is, anything else as INTERNAL (never its text). */
export function toErrorBody(e: unknown): { code: string; message: string; details?: ErrorDetails } {
  return isDaibanError(e) ? e.toJSON() : { code: 'INTERNAL', message: INTERNAL_MESSAGE };
}

/** Result type for pure validators whose refusals are expected, not exceptional. */
export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };
