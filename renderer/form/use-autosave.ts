import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReceivedMaterials } from '../../core/catalog/model';
import { call, errorMessage } from '../api/client';
import { registerPendingSave } from '../app/pending-saves';

export type SaveState =
  { kind: 'idle'; lastSaved: string | null } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; message: string };

export interface DraftData {
  form: Record<string, unknown>;
  materials: ReceivedMaterials;
}

/**
 * Autosave of a draft: ~1.5 s after the last change, when the page is hidden or closed, and when the
 * screen is left. Saves run one after another, so an older snapshot never overwrites a newer one.
 */
export function useAutosave(id: string, data: () => DraftData, lastSaved: string | null, delayMs = 1500) {
  const [state, setState] = useState<SaveState>({ kind: 'idle', lastSaved });
  const dirty = useRef(false);
  const enabled = useRef(true);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const read = useRef(data);
  read.current = data;

  const flush = useCallback(
    (keepalive = false): Promise<void> => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      chain.current = chain.current.then(async () => {
        if (!dirty.current || !enabled.current) return;
        dirty.current = false;
        setState({ kind: 'saving' });
        try {
          await call('applications.saveDraft', { id, ...read.current() }, { keepalive });
          setState(dirty.current ? { kind: 'dirty' } : { kind: 'saved', at: new Date() });
        } catch (e) {
          dirty.current = true;
          setState({ kind: 'error', message: errorMessage(e) });
          throw e;
        }
      });
      // The caller decides whether a failed save matters; the chain itself must keep going.
      const result = chain.current;
      chain.current = chain.current.catch(() => undefined);
      return result;
    },
    [id],
  );

  const changed = useCallback(() => {
    dirty.current = true;
    setState({ kind: 'dirty' });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush().catch(() => undefined), delayMs);
  }, [flush, delayMs]);

  /** After submit the draft is no longer a draft: stop saving it. */
  const stop = useCallback(() => {
    enabled.current = false;
    if (timer.current) clearTimeout(timer.current);
  }, []);

  useEffect(() => {
    const onHide = () => {
      if (dirty.current) void flush(true).catch(() => undefined);
    };
    const onVisibility = () => document.visibilityState === 'hidden' && onHide();
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    const unregister = registerPendingSave(() => flush());
    return () => {
      unregister();
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      onHide(); // leaving the screen
    };
  }, [flush]);

  return { state, changed, flush, stop };
}
