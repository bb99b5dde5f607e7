import { createHash } from 'node:crypto';

/** SHA-256 in lower-case hex of a text (its UTF-8 bytes) or bytes: message bodies, blobs, audit entries, codes. */
export function sha256Hex(data: string | Buffer | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
