/**
 * `Retry-After` (RFC 9110 §10.2.3): either whole seconds or an HTTP date. Returns the wait in ms (never
 * negative), or null when absent or unreadable. `nowMs` is the platform's clock as we reckon it, because an
 * HTTP date is on the platform's clock, not on the village PC's.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value == null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (!/[a-z]/i.test(v)) return null;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
