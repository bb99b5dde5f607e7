import { PlatformError } from '../errors';

/**
 * Slows password guessing on the admin API: after MAX_FAILURES wrong logins for one username within the
 * window, that username is refused for LOCK_MS whatever the password. Unknown usernames count the same, so
 * the lock says nothing about which accounts exist. In memory, per platform process (a restart clears it).
 */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_LOCK_MS = 15 * 60_000;
const MAX_TRACKED = 10_000;

interface Failures {
  count: number;
  firstAt: number;
  lockedUntil: number;
}

export function createLoginThrottle(now: () => Date) {
  const failures = new Map<string, Failures>();
  const key = (username: string) => username.trim().toLowerCase();

  function prune(t: number): void {
    for (const [k, f] of failures) if (f.lockedUntil <= t && t - f.firstAt > LOGIN_LOCK_MS) failures.delete(k);
    // Still too many (someone spraying usernames): forget the oldest.
    while (failures.size > MAX_TRACKED) failures.delete(failures.keys().next().value!);
  }

  return {
    /** Throws 429 while the username is locked. */
    check(username: string): void {
      const f = failures.get(key(username));
      const t = now().getTime();
      if (f && f.lockedUntil > t) {
        const minutes = Math.ceil((f.lockedUntil - t) / 60_000);
        throw new PlatformError(429, 'RATE_LIMITED', `登录失败次数过多，该账号已暂时锁定，请${minutes}分钟后再试`, { retryAfterSeconds: Math.ceil((f.lockedUntil - t) / 1000) });
      }
    },
    failed(username: string): void {
      const t = now().getTime();
      const k = key(username);
      let f = failures.get(k);
      if (!f || t - f.firstAt > LOGIN_LOCK_MS) f = { count: 0, firstAt: t, lockedUntil: 0 };
      f.count++;
      if (f.count >= LOGIN_MAX_FAILURES) f.lockedUntil = t + LOGIN_LOCK_MS;
      failures.delete(k);
      failures.set(k, f);
      if (failures.size > MAX_TRACKED) prune(t);
    },
    succeeded(username: string): void {
      failures.delete(key(username));
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
