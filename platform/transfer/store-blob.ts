import { LIMITS } from '../../core/sync/protocol';
import type { PlatformDb } from '../database/types';

/**
 * A scan that came on a stick, stored whole as if uploaded (routes/blobs.ts keeps the same rows): under the
 * village's division, in chunks of the upload's size. One already complete is left as it is (a second trip, or
 * the network got there first). The bytes were checked against their name before this is called.
 */
export async function storeWholeBlob(
  db: PlatformDb,
  o: { divisionCode: string; sha256: string; data: Buffer; terminalId: string; at: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [known] = await tx.query<{ complete: boolean }>('SELECT complete FROM blobs WHERE division_code = $1 AND sha256 = $2 FOR UPDATE', [
      o.divisionCode,
      o.sha256,
    ]);
    if (known?.complete) return false;
    await tx.query(
      `INSERT INTO blobs (division_code, sha256, size, received, complete, terminal_id, created_at, updated_at)
       VALUES ($1, $2, $3, 0, false, $4, $5, $5) ON CONFLICT (division_code, sha256) DO NOTHING`,
      [o.divisionCode, o.sha256, o.data.length, o.terminalId, o.at],
    );
    await tx.query('DELETE FROM blob_chunks WHERE division_code = $1 AND sha256 = $2', [o.divisionCode, o.sha256]);
    for (let offset = 0; offset === 0 || offset < o.data.length; offset += LIMITS.blobChunkBytes) {
      await tx.query('INSERT INTO blob_chunks (division_code, sha256, "offset", data) VALUES ($1, $2, $3, $4)', [
        o.divisionCode,
        o.sha256,
        offset,
        o.data.subarray(offset, offset + LIMITS.blobChunkBytes),
      ]);
    }
    await tx.query('UPDATE blobs SET size = $3, received = $3, complete = true, updated_at = $4 WHERE division_code = $1 AND sha256 = $2', [
      o.divisionCode,
      o.sha256,
      o.data.length,
      o.at,
    ]);
    return true;
  });
}
