import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client';

export interface DebouncedSearch<T> {
  /** null until the first answer, or while the query is empty and `skipEmpty` is set. */
  results: T | null;
  error: string | null;
  setError(error: string | null): void;
}

/**
 * Runs `search` once typing pauses for `delayMs`; an answer that arrives after the query changed again is
 * dropped, so a slow old PC never shows the hits of an earlier query. A failure keeps the Chinese message.
 */
export function useDebouncedSearch<T>(query: string, search: (q: string) => Promise<T>, o: { delayMs: number; skipEmpty?: boolean }): DebouncedSearch<T> {
  const [results, setResults] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(search);
  latest.current = search;

  useEffect(() => {
    const q = query.trim();
    if (!q && o.skipEmpty) {
      setResults(null);
      return;
    }
    let alive = true;
    const timer = setTimeout(() => {
      latest
        .current(q)
        .then((r) => {
          if (!alive) return;
          setResults(r);
          setError(null);
        })
        .catch((e) => alive && setError(errorMessage(e)));
    }, o.delayMs);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [query, o.delayMs, o.skipEmpty]);

  return { results, error, setError };
}

/** The value once it has stopped changing for `delayMs` (a list that reloads on it reloads once per pause). */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
