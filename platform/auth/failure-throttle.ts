import { PlatformError } from '../errors';

/**
 * Slows guessing (admin passwords, enrollment codes) by key: after `freeFailures` failures a key waits,
 * `firstDelayMs` and then twice as long after each further failure, up to `maxDelayMs`. Keys name the
 * source (and the account), so nobody can lock someone else out from elsewhere. In memory, per process: a
 * restart forgets, and several instances each count their own (docs/security.md).
 */
export interface ThrottlePolicy {
  freeFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long starts again from zero. */
  forgetAfterMs: number;
}

interface Failures {
  count: number;
  lastAt: number;
  blockedUntil: number;
}

const MAX_TRACKED = 20_000;

/** "请30秒后再试" / "请4分钟后再试". */
export function waitPhrase(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 60 ? `请${seconds}秒后再试` : `请${Math.ceil(seconds / 60)}分钟后再试`;
}

export function createFailureThrottle(now: () => Date, policy: ThrottlePolicy, refusal: (waitMs: number) => string) {
  const failures = new Map<string, Failures>();

  function prune(t: number): void {
    for (const [k, f] of failures) if (f.blockedUntil <= t && t - f.lastAt > policy.forgetAfterMs) failures.delete(k);
    while (failures.size > MAX_TRACKED) failures.delete(failures.keys().next().value!);
  }

  return {
    /** Throws 429 RATE_LIMITED (with Retry-After seconds in details) while any of the keys waits. */
    check(...keys: string[]): void {
      const t = now().getTime();
      const waitMs = Math.max(0, ...keys.map((k) => (failures.get(k)?.blockedUntil ?? 0) - t));
      if (waitMs > 0) throw new PlatformError(429, 'RATE_LIMITED', refusal(waitMs), { retryAfterSeconds: Math.ceil(waitMs / 1000) });
    },
    failed(...keys: string[]): void {
      const t = now().getTime();
      for (const k of keys) {
        const before = failures.get(k);
        const f = before && t - before.lastAt <= policy.forgetAfterMs ? before : { count: 0, lastAt: t, blockedUntil: 0 };
        f.count++;
        f.lastAt = t;
        const over = f.count - policy.freeFailures;
        if (over >= 0) f.blockedUntil = t + Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(over, 30));
        failures.delete(k);
        failures.set(k, f);
      }
      if (failures.size > MAX_TRACKED) prune(t);
    },
    succeeded(...keys: string[]): void {
      for (const k of keys) failures.delete(k);
    },
  };
}

export type FailureThrottle = ReturnType<typeof createFailureThrottle>;
