import { useCallback, useEffect, useRef, useState } from 'react';
import type { IdCardReadView } from '../../core/api/id-card-methods';
import { call, errorMessage } from '../api/client';
import { useIdCardStatus } from './id-card-store';

/**
 * Reading a card on a resident screen: F4 (or the 读卡 button) reads now, and a card placed on the reader is
 * read without a key. `onRead` gets the card and the resident already registered with its number.
 */
export function useCardReading(onRead: (r: IdCardReadView) => void) {
  const status = useIdCardStatus();
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(onRead);
  latest.current = onRead;
  const busy = useRef(false);

  const read = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setReading(true);
    setError(null);
    try {
      latest.current(await call('idCard.read', {}));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      busy.current = false;
      setReading(false);
    }
  }, []);

  // A card placed (the state moving to 'card' while this screen is open) is read at once.
  const previous = useRef(status?.state);
  useEffect(() => {
    const was = previous.current;
    previous.current = status?.state;
    if (status?.state === 'card' && was !== 'card' && was !== undefined) void read();
  }, [status?.state, read]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F4' || e.ctrlKey || e.altKey || e.metaKey) return;
      e.preventDefault();
      void read();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [read]);

  return { read, reading, error, available: status !== null && status.state !== 'none' };
}
