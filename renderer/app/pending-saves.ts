/** Saves that must land before the session ends (autosave of an open draft): logout waits for them. */
const flushes = new Set<() => Promise<void>>();

export function registerPendingSave(flush: () => Promise<void>): () => void {
  flushes.add(flush);
  return () => {
    flushes.delete(flush);
  };
}

export async function flushPendingSaves(): Promise<void> {
  await Promise.allSettled([...flushes].map((f) => f()));
}
