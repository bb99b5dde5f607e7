import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too_large' | 'aborted' };

/**
 * Reads a request body up to `limit` bytes. Beyond the limit the rest is drained (not kept) so the client
 * can read our 413 instead of a reset connection; a client that keeps sending past twice the limit is cut off.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolvePromise) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    let settled = false;
    const settle = (r: BodyResult) => {
      if (!settled) {
        settled = true;
        resolvePromise(r);
      }
    };
    if (tooLarge) {
      // Answer at once; keep draining in the background.
      settle({ ok: false, reason: 'too_large' });
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (size > limit * 2) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle(tooLarge ? { ok: false, reason: 'too_large' } : { ok: true, body: Buffer.concat(chunks, size) }));
    req.on('error', () => settle({ ok: false, reason: tooLarge ? 'too_large' : 'aborted' }));
    req.on('close', () => settle({ ok: false, reason: tooLarge ? 'too_large' : 'aborted' }));
  });
}
