import type { SyncStatusView } from '../../core/api/views';
import { call, errorMessage } from '../api/client';
import { pushedStore } from '../shared/pushed-store';

/**
 * The terminal's sync status, shared by every component that shows it (top bar, drawer, home screen):
 * one `sync.status` poll on the first subscriber and every 30 s as a fallback, and the station's
 * `{type: 'sync.status', status}` push events in between. Unsubscribing the last one stops both.
 */

export interface SyncState {
  status: SyncStatusView | null;
  /** Why the status could not be read (Chinese); null once it has been. */
  error: string | null;
}

const store = pushedStore<SyncState>(
  { status: null, error: null },
  {
    refresh: () => void refreshSyncStatus(),
    pollMs: 30_000,
    push: (e) => {
      if (e.type === 'sync.status') setSyncStatus(e.status);
    },
  },
);

/** Takes a status from any source (poll, push, the answer of `sync.now` or `sync.enroll`). */
export function setSyncStatus(status: SyncStatusView): void {
  store.set({ status, error: null });
}

/** Reads `sync.status` now; a failure keeps the last known status, records why, and resolves to null. */
export function refreshSyncStatus(): Promise<SyncStatusView | null> {
  return call('sync.status', {}).then(
    (s) => {
      setSyncStatus(s);
      return s;
    },
    (e: unknown) => {
      store.set({ status: store.get().status, error: errorMessage(e) });
      return null;
    },
  );
}

export function useSyncStatus(): SyncState {
  return store.useValue();
}

/** A county terminal looks at its townships' work and decides nothing (the station refuses it too). */
export function useCountyTerminal(): boolean {
  return useSyncStatus().status?.role === 'county';
}
