export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 };

/**
 * "Full jitter" (AWS Architecture Blog, 2015): a uniform wait in [0, min(cap, base·2^attempt)). Hundreds of
 * terminals coming back after the same extranet outage spread out instead of hitting the platform together.
 * `attempt` counts from 0 (the first retry).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
