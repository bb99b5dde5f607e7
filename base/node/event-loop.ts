/** Resolves on the event loop's next check phase: I/O that came in meanwhile (a reply from the database) runs first. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `fn` over `items` in order, giving the event loop a turn every `every` items: CPU work on a 500-message
 * batch would otherwise hold the loop for tens of milliseconds while another batch's transaction waits on it
 * for each of its round trips.
 */
export async function mapInTurns<T, R>(items: readonly T[], fn: (item: T) => R, every = 32): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % every === 0) await nextTurn();
    out.push(fn(items[i]!));
  }
  return out;
}
