import { useCallback, useRef, useState } from 'react';
import { App } from 'antd';
import { errorMessage } from '../api/client';

export interface Action<A extends unknown[]> {
  /** Runs the action unless it is already running; resolves to whether it succeeded. */
  run(...args: A): Promise<boolean>;
  busy: boolean;
  /** The arguments of the run in progress (which row's button spins), or null. */
  pending: A | null;
  /** The Chinese reason of the last failure, until the next run or `clear()`. */
  error: string | null;
  clear(): void;
  /** Shows a message of the screen's own (a check before the call) in the same place as a refusal. */
  fail(message: string): void;
}

/**
 * The one shape of "a button that calls the station": busy while it runs (a second press does nothing), the
 * refusal in Chinese where the screen shows it. `failed` may turn an error into its message or act on it
 * (mark a form's fields, as the IT console does) and return null when nothing is left to show.
 */
export function useAction<A extends unknown[]>(fn: (...args: A) => Promise<unknown>, failed: (e: unknown) => string | null = errorMessage): Action<A> {
  const [pending, setPending] = useState<A | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const latest = useRef(fn);
  latest.current = fn;
  const failedRef = useRef(failed);
  failedRef.current = failed;

  const run = useCallback(async (...args: A): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    setPending(args);
    setError(null);
    try {
      await latest.current(...args);
      return true;
    } catch (e) {
      setError(failedRef.current(e));
      return false;
    } finally {
      running.current = false;
      setPending(null);
    }
  }, []);
  return { run, busy: pending !== null, pending, error, clear: () => setError(null), fail: setError };
}

/** An action whose refusal is a toast at the top of the screen (a row's button, a card's button). */
export function useToastAction<A extends unknown[]>(fn: (...args: A) => Promise<unknown>, failed: (e: unknown) => string = errorMessage): Action<A> {
  const { message } = App.useApp();
  return useAction(fn, (e) => {
    void message.error(failed(e));
    return null;
  });
}
