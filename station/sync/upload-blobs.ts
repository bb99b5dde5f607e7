import { z } from 'zod';
import { isDaibanError } from '../../core/errors';
import { BLOB_MAX_MB, blobStatusSchema, LIMITS, type BlobStatus } from '../../core/sync/protocol';
import { listBlobsToUpload, markBlobBroken, markBlobComplete, recordBlobProgress, type BlobToUpload } from '../../db';
import { SyncError, SYNC_MESSAGES } from './errors';
import { parseBody } from './http-client';
import { nowIso, type SyncRun } from './run';

/** A 409/422 carries the platform's count in its details (flat, or under `status`). */
function statusInDetails(details: Record<string, unknown> | undefined): BlobStatus | null {
  const flat = blobStatusSchema.safeParse(details);
  if (flat.success) return flat.data;
  const nested = z.object({ status: blobStatusSchema }).safeParse(details);
  return nested.success ? nested.data.status : null;
}

async function remoteStatus(run: SyncRun, sha256: string): Promise<BlobStatus> {
  const res = await run.client.send({ method: 'GET', path: `/v1/blobs/${sha256}/status` });
  if (res.status === 404) return { sha256, size: null, received: 0, complete: false };
  if (res.status < 200 || res.status >= 300) throw run.client.errorOf(res);
  return parseBody(res, blobStatusSchema);
}

/**
 * Sends what the platform does not have yet, from the byte it says it has: an acknowledged chunk is never
 * sent again, and an upload cut off by the network resumes where the platform's count stands.
 */
async function uploadOne(run: SyncRun, blob: BlobToUpload, onBytes: (received: number) => void): Promise<void> {
  let status = await remoteStatus(run, blob.sha256);
  if (status.complete) {
    markBlobComplete(run.db, blob.sha256, status.size ?? blob.size, nowIso(run));
    return;
  }
  let data: Buffer;
  try {
    data = run.blobs.get(blob.sha256);
  } catch (e) {
    if (!isDaibanError(e)) throw e;
    // Missing or damaged on this PC: it can never be sent. Record why and let the message go up without it.
    run.log.warn({ sha256: blob.sha256, code: e.code }, 'sync: attachment cannot be read, sent without it');
    markBlobBroken(run.db, blob.sha256, blob.size, e.message, nowIso(run));
    return;
  }
  const total = data.length;
  let offset = status.received;
  // Our bytes are checked against their name when read, so a mismatch is the platform's: start over once.
  let restarted = false;
  onBytes(offset);
  while (offset < total) {
    if (run.signal.aborted) throw new SyncError('aborted', SYNC_MESSAGES.aborted);
    const end = Math.min(offset + LIMITS.blobChunkBytes, total);
    const res = await run.client.send({
      method: 'PUT',
      path: `/v1/blobs/${blob.sha256}`,
      bytes: data.subarray(offset, end),
      headers: { 'content-range': `bytes ${offset}-${end - 1}/${total}`, 'content-type': 'application/octet-stream' },
      // A 256 KiB chunk over a weak village link: give it longer than a small JSON request.
      timeoutMs: 120_000,
    });
    if (res.status >= 200 && res.status < 300) {
      status = parseBody(res, blobStatusSchema);
    } else {
      const err = run.client.errorOf(res);
      const told = statusInDetails(err.info.details);
      // RANGE_MISMATCH: the platform has more (or less) than we thought; continue from its count.
      if (!told || (err.code !== 'RANGE_MISMATCH' && !(err.code === 'HASH_MISMATCH' && !restarted))) throw err;
      if (err.code === 'HASH_MISMATCH') restarted = true;
      status = told;
    }
    if (!status.complete && status.received === offset && res.status >= 200 && res.status < 300) {
      throw new SyncError('protocol', SYNC_MESSAGES.protocol, { details: { sha256: blob.sha256, offset } });
    }
    offset = status.complete ? total : status.received;
    recordBlobProgress(run.db, blob.sha256, total, offset, nowIso(run));
    onBytes(offset);
  }
  if (!status.complete) status = await remoteStatus(run, blob.sha256);
  if (!status.complete) throw new SyncError('protocol', SYNC_MESSAGES.protocol, { details: { sha256: blob.sha256, received: status.received } });
  markBlobComplete(run.db, blob.sha256, total, nowIso(run));
}

/** Statuses that refuse this one scan (too large, malformed, hash wrong twice): the others still go. */
const REFUSES_THIS_BLOB = new Set([400, 403, 404, 409, 413, 415, 422]);

/** What the cadre reads in the problem list for a scan the platform would not take. */
function scanRefusedReason(platformMessage: string): string {
  return `有一份扫描件未能上传到省级平台：${platformMessage.replace(/[。，]$/, '')}。申请已照常上报，请重新扫描这份材料（每份不超过${BLOB_MAX_MB} MB），在补正时补上。`;
}

/**
 * Every attachment named by a pending application goes up before the application does. A scan the
 * platform refuses is marked with the reason (the cadre's problem list shows it) and the rest go on: one
 * scan never stops the queue. Losing the link or the terminal's identity still stops the run.
 */
export async function uploadBlobs(run: SyncRun): Promise<{ uploaded: number }> {
  const blobs = listBlobsToUpload(run.db);
  const totalBytes = blobs.reduce((n, b) => n + b.size, 0);
  let doneBytes = 0;
  run.progress(0, totalBytes);
  for (const blob of blobs) {
    if (run.signal.aborted) throw new SyncError('aborted', SYNC_MESSAGES.aborted);
    try {
      await uploadOne(run, blob, (received) => run.progress(doneBytes + Math.min(received, blob.size), totalBytes));
    } catch (e) {
      if (!(e instanceof SyncError) || e.kind !== 'platform' || !REFUSES_THIS_BLOB.has(e.info.status ?? 0)) throw e;
      run.log.warn({ sha256: blob.sha256, code: e.code, status: e.info.status }, 'sync: the platform refused a scan; the rest go on');
      markBlobBroken(run.db, blob.sha256, blob.size, scanRefusedReason(e.message), nowIso(run));
    }
    doneBytes += blob.size;
    run.progress(doneBytes, totalBytes);
  }
  return { uploaded: blobs.length };
}
