import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { StationCallError } from '../api/client';

/**
 * What every tab of the IT console shares: a refusal that means "the platform session is gone" (expired, or
 * offline since login) sends the whole console back to the password prompt instead of leaving a dead tab.
 */
export interface ItLink {
  /** Turns any failure into its Chinese message; a lost session also shows the password prompt. */
  failed(e: unknown): string;
}

export const ItLinkContext = createContext<ItLink>({ failed: (e) => StationCallError.from(e).message });

export function useItLink(): ItLink {
  return useContext(ItLinkContext);
}

export interface ItLoaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** Loads when the tab opens and on reload(); keeps the last data while reloading. */
export function useItLoad<T>(load: () => Promise<T>, deps: unknown[]): ItLoaded<T> {
  const { failed } = useItLink();
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
