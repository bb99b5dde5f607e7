import { BlobStore } from '../attachments/blob-store';
import { SyncError, SYNC_MESSAGES } from './errors';
import type { PlatformClient } from './http-client';

/**
 * One scan from the platform (`GET /v1/blobs/{sha256}`; a township terminal may read its villages' scans).
 * The bytes must hash to their name: a proxy's page or a damaged transfer is never cached as a scan.
 */
export async function fetchBlob(client: PlatformClient, sha256: string): Promise<Buffer> {
  const res = await client.call({ method: 'GET', path: `/v1/blobs/${sha256}`, timeoutMs: 120_000 });
  if (BlobStore.sha256(res.body) !== sha256) {
    throw new SyncError('protocol', SYNC_MESSAGES.protocol, { details: { sha256, bytes: res.body.length } });
  }
  return res.body;
}
