import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedList<T> {
  rows: T[];
  cursor: string | null;
  loading: boolean;
  error: string | null;
  /** No argument: the first page again (replacing the rows); with a cursor: the next page, appended. */
  load(before?: string): Promise<void>;
}

/**
 * A cursor-paged list from the station: loads the first page now and whenever `deps` change,
 * appends further pages on request, and keeps the Chinese error of the last failed load.
 */
export function usePagedList<T>(fetchPage: (before?: string) => Promise<Page<T>>, deps: unknown[]): PagedList<T> {
  const [rows, setRows] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (before?: string) => {
    setLoading(true);
    try {
      const page = await fetchPage(before);
      setRows((old) => (before ? [...old, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, deps);

  useEffect(() => {
    void load();
  }, [load]);

  return { rows, cursor, loading, error, load };
}
