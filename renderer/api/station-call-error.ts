import type { StationErrorBody } from '../../core/api/station-api';

/** A refusal from the station, the same on both transports: a stable code and a Chinese message to show. */
export class StationCallError extends Error {
  override readonly name = 'StationCallError';
  readonly code: string;
  readonly details?: Record<string, unknown>;

  constructor(body: StationErrorBody) {
    super(body.message);
    this.code = body.code;
    this.details = body.details;
  }

  /** Per-field Chinese messages keyed by dot path ('income', 'members.2.idNumber', 'materials.hukou'). */
  get fields(): Record<string, string> {
    const f = this.details?.fields;
    return f && typeof f === 'object' ? (f as Record<string, string>) : {};
  }

  static from(e: unknown): StationCallError {
    if (e instanceof StationCallError) return e;
    if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
      const o = e as { code: unknown; message: unknown; details?: unknown };
      return new StationCallError({
        code: String(o.code),
        message: String(o.message),
        details: o.details && typeof o.details === 'object' ? (o.details as Record<string, unknown>) : undefined,
      });
    }
    return new StationCallError({
      code: 'NETWORK',
      message: '与本机服务的连接中断，本次操作未完成。请稍后重试；仍不行请重新打开代办终端。',
    });
  }
}

/** The Chinese message of any failure, for a toast or an alert. */
export function errorMessage(e: unknown): string {
  return StationCallError.from(e).message;
}
