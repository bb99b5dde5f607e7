import { HEADERS } from '../../core/sync/protocol';
import { SyncError, SYNC_MESSAGES } from './errors';
import type { PlatformClient } from './http-client';

/** Health checks are small; a village link that cannot answer one in this time cannot sync either. */
export const PROBE_TIMEOUT_MS = 10_000;

/**
 * Is the platform there, and what does it accept? Only a 204 carrying the `daiban-platform` header counts: a captive portal or a
 * hotel-style login page answers 200 or a redirect, and must read as offline, not as "online but broken".
 */
export async function probePlatform(client: PlatformClient): Promise<ReadonlySet<string>> {
  const res = await client.send({ method: 'GET', path: '/v1/health', signed: false, timeoutMs: PROBE_TIMEOUT_MS });
  // What the platform accepts beyond v1 as first shipped (core/sync/protocol.ts PLATFORM_FEATURES).
  if (res.status === 204 && res.headers.get(HEADERS.platform)) return new Set((res.headers.get(HEADERS.features) ?? '').split(',').map((f) => f.trim()));
  if (res.status === 503 || res.status === 429) throw client.errorOf(res);
  throw new SyncError('intercepted', SYNC_MESSAGES.intercepted, { status: res.status });
}
