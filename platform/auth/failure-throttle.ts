import type { Queryable } from '../database/types';
import { PlatformError } from '../errors';

/**
 * Slows guessing (admin passwords, enrollment codes) by key: after `freeFailures` failures a key waits,
 * `firstDelayMs` and then twice as long after each further failure, up to `maxDelayMs`. Keys name the
 * source (and the account), so nobody can lock someone else out from elsewhere. Counted in the database
 * (`throttle_failures`, migration 14), so several instances behind one load balancer share every count and
 * a restart forgets nothing; each failure is one atomic upsert, so concurrent guesses all count.
 */
export interface ThrottlePolicy {
  freeFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long starts again from zero. */
  forgetAfterMs: number;
}

const PURGE_EVERY_MS = 60_000;

/** "请30秒后再试" / "请4分钟后再试". */
export function waitPhrase(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 60 ? `请${seconds}秒后再试` : `请${Math.ceil(seconds / 60)}分钟后再试`;
}

export function createFailureThrottle(db: Queryable, scope: string, now: () => Date, policy: ThrottlePolicy, refusal: (waitMs: number) => string) {
  let lastPurge = 0;
  return {
    /** Throws 429 RATE_LIMITED (with Retry-After seconds in details) while any of the keys waits. */
    async check(...keys: string[]): Promise<void> {
      const t = now();
      const [row] = await db.query<{ until: unknown }>('SELECT max(blocked_until) AS until FROM throttle_failures WHERE scope = $1 AND key = ANY($2::text[])', [
        scope,
        keys,
      ]);
      const until = row?.until ? new Date(row.until as string).getTime() : 0;
      const waitMs = until - t.getTime();
      if (waitMs > 0) throw new PlatformError(429, 'RATE_LIMITED', refusal(waitMs), { retryAfterSeconds: Math.ceil(waitMs / 1000) });
    },
    async failed(...keys: string[]): Promise<void> {
      const t = now();
      if (t.getTime() - lastPurge >= PURGE_EVERY_MS) {
        lastPurge = t.getTime();
        await db.query('DELETE FROM throttle_failures WHERE last_at < $1 AND blocked_until < $2', [
          new Date(t.getTime() - policy.forgetAfterMs).toISOString(),
          t.toISOString(),
        ]);
      }
      // The count starts again after `forgetAfterMs` without a failure; from the free count on, a key waits
      // firstDelayMs × 2^(count − free), at most maxDelayMs.
      const count = `CASE WHEN f.last_at < $3::timestamptz - make_interval(secs => $7 / 1000.0) THEN 1 ELSE f.count + 1 END`;
      const wait = (n: string) => `$3::timestamptz + make_interval(secs => least($6, $5 * power(2, least(${n} - $4, 30))) / 1000.0)`;
      await db.query(
        `INSERT INTO throttle_failures AS f (scope, key, count, last_at, blocked_until)
         SELECT $1, k, 1, $3::timestamptz, CASE WHEN 1 >= $4 THEN ${wait('1')} ELSE '-infinity' END
         FROM unnest($2::text[]) AS k
         ON CONFLICT (scope, key) DO UPDATE SET
           count = ${count},
           last_at = $3::timestamptz,
           blocked_until = CASE WHEN ${count} >= $4 THEN ${wait(count)} ELSE f.blocked_until END`,
        [scope, keys, t.toISOString(), policy.freeFailures, policy.firstDelayMs, policy.maxDelayMs, policy.forgetAfterMs],
      );
    },
    async succeeded(...keys: string[]): Promise<void> {
      await db.query('DELETE FROM throttle_failures WHERE scope = $1 AND key = ANY($2::text[])', [scope, keys]);
    },
  };
}

export type FailureThrottle = ReturnType<typeof createFailureThrottle>;
