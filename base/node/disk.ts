import { statfs } from 'node:fs/promises';

/** Free and total bytes of the file system holding `dir` (free: what an unprivileged process may use); nulls where unknown. */
export async function diskFigures(dir: string): Promise<{ freeBytes: number | null; totalBytes: number | null }> {
  try {
    const s = await statfs(dir);
    return {
      freeBytes: Math.max(0, Math.floor(Number(s.bavail) * Number(s.bsize))),
      totalBytes: Math.max(0, Math.floor(Number(s.blocks) * Number(s.bsize))),
    };
  } catch {
    return { freeBytes: null, totalBytes: null };
  }
}
