/**
 * Why a sync step failed, with the sentence the cadre reads on the sync panel. Never the platform's or the
 * network stack's English: a village cadre cannot act on "ECONNRESET", but can on "网络恢复后会自动同步".
 */
export type SyncErrorKind =
  /** No answer at all: cable out, extranet down, DNS, refused, reset. */
  | 'offline'
  /** Something answered that is not the platform (a captive portal's login page, a redirect). */
  | 'intercepted'
  | 'timeout'
  /** The agent was stopped (the app is closing). */
  | 'aborted'
  /** The platform answered with an error. */
  | 'platform'
  /** The platform answered something this terminal cannot read. */
  | 'protocol';

export const SYNC_MESSAGES = {
  offline: '无法连接省级平台，网络恢复后会自动同步。',
  intercepted: '网络已连接，但访问省级平台被拦截（可能需要先在浏览器中完成上网认证），网络恢复后会自动同步。',
  timeout: '省级平台响应超时，稍后会自动重试。',
  busy: '省级平台繁忙，稍后会自动重试。',
  protocol: '省级平台返回了无法识别的内容，稍后会自动重试；如果一直如此，请联系县级运维人员。',
  aborted: '同步已停止。',
  internal: '同步时出现异常，已保存的数据不受影响，稍后会自动重试；如果一直如此，请联系县级运维人员。',
} as const;

export interface SyncErrorInfo {
  /** The platform's error code, when it sent one. */
  code?: string;
  status?: number;
  /** From `Retry-After`: do not come back sooner. */
  retryAfterMs?: number;
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(
    readonly kind: SyncErrorKind,
    /** Chinese, for the cadre. */
    message: string,
    readonly info: SyncErrorInfo = {},
  ) {
    super(message, info.cause === undefined ? undefined : { cause: info.cause });
  }

  get code(): string | undefined {
    return this.info.code;
  }
}

export const isSyncError = (e: unknown): e is SyncError => e instanceof SyncError;

const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

/** Our own words for codes whose platform message might be missing or not meant for a cadre. */
const BY_CODE: Record<string, string> = {
  UNKNOWN_TERMINAL: '本终端未在省级平台登记或已被注销，请联系县级运维人员。',
  TERMINAL_DISABLED: '本终端已被省级平台停用，请联系县级运维人员。',
  BAD_SIGNATURE: '本终端的身份校验未通过，请联系县级运维人员。',
  UNSIGNED: '本终端的身份校验未通过，请联系县级运维人员。',
  CLOCK_SKEW: '本机时间与省级平台相差太大，本次同步未成功，稍后会自动重试。',
  RATE_LIMITED: SYNC_MESSAGES.busy,
  UNAVAILABLE: SYNC_MESSAGES.busy,
};

/** The platform's own Chinese message when it sent one; otherwise ours, by code. */
export function platformMessage(code: string, message: string | undefined, status: number): string {
  if (message && hasHan(message)) return message;
  if (BY_CODE[code]) return BY_CODE[code];
  if (status === 429 || status >= 500) return SYNC_MESSAGES.busy;
  return `省级平台拒绝了本次同步（错误代码 ${code}），稍后会自动重试；如果一直如此，请联系县级运维人员。`;
}
