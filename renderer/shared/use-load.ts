import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/**
 * Runs a station call when the screen opens (and on reload), keeping the last data while reloading and the
 * Chinese error if it fails. `failed` turns a failure into that message (and may act on it, as the IT console does).
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], failed: (e: unknown) => string = errorMessage): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const run = useCallback(load, deps);
  useEffect(() => {
    let alive = true;
    setLoading(true);
    run()
      .then((d) => {
        if (!alive) return;
        setData(d);
        setError(null);
      })
      .catch((e) => alive && setError(failed(e)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [run, tick, failed]);
  return { data, error, loading, reload: () => setTick((t) => t + 1) };
}
