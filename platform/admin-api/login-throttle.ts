import { createFailureThrottle, waitPhrase, type ThrottlePolicy } from '../auth/failure-throttle';
import type { Queryable } from '../database/types';

/**
 * The admin login's throttle. Failures count per account *and* source address, so five wrong passwords
 * from one place make that place wait (30 s, then 1, 2, 4 … up to 15 minutes) while the IT worker logs in
 * from their own PC; per source alone, a higher count slows spraying many usernames. Unknown usernames
 * count the same, so the waiting says nothing about which accounts exist.
 */
export const LOGIN_POLICY: ThrottlePolicy = { freeFailures: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };
const SOURCE_POLICY: ThrottlePolicy = { freeFailures: 30, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };

export function createLoginThrottle(db: Queryable, now: () => Date) {
  const message = (ms: number) => `登录失败次数过多，${waitPhrase(ms)}`;
  const byAccount = createFailureThrottle(db, 'admin-login-account', now, LOGIN_POLICY, message);
  const bySource = createFailureThrottle(db, 'admin-login-source', now, SOURCE_POLICY, message);
  const accountKey = (username: string, source: string) => `${username.trim().toLowerCase()}\n${source}`;
  return {
    async check(username: string, source: string): Promise<void> {
      await byAccount.check(accountKey(username, source));
      await bySource.check(source);
    },
    async failed(username: string, source: string): Promise<void> {
      await byAccount.failed(accountKey(username, source));
      await bySource.failed(source);
    },
    async succeeded(username: string, source: string): Promise<void> {
      await byAccount.succeeded(accountKey(username, source));
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
