import { useSyncExternalStore } from 'react';
import type { SyncStatusView } from '../../core/api/views';
import { call, errorMessage, onEvent, type StationEvent } from '../api/client';

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

const POLL_MS = 30_000;

let state: SyncState = { status: null, error: null };
const subscribers = new Set<() => void>();
let stop: (() => void) | null = null;

function emit(next: SyncState): void {
  state = next;
  for (const s of subscribers) s();
}

/** Takes a status from any source (poll, push, the answer of `sync.now` or `sync.enroll`). */
export function setSyncStatus(status: SyncStatusView): void {
  emit({ status, error: null });
}

/** Reads `sync.status` now; a failure keeps the last known status, records why, and resolves to null. */
export function refreshSyncStatus(): Promise<SyncStatusView | null> {
  return call('sync.status', {}).then(
    (s) => {
      setSyncStatus(s);
      return s;
    },
    (e: unknown) => {
      emit({ status: state.status, error: errorMessage(e) });
      return null;
    },
  );
}

function isStatusEvent(e: StationEvent): e is StationEvent & { status: SyncStatusView } {
  const s = e.status as Partial<SyncStatusView> | undefined;
  return e.type === 'sync.status' && !!s && typeof s === 'object' && typeof s.enrolled === 'boolean';
}

function start(): () => void {
  void refreshSyncStatus();
  const timer = setInterval(() => void refreshSyncStatus(), POLL_MS);
  const off = onEvent((e) => {
    if (isStatusEvent(e)) setSyncStatus(e.status);
  });
  return () => {
    clearInterval(timer);
    off();
  };
}

function subscribe(listener: () => void): () => void {
  subscribers.add(listener);
  stop ??= start();
  return () => {
    subscribers.delete(listener);
    if (subscribers.size === 0) {
      stop?.();
      stop = null;
    }
  };
}

export function useSyncStatus(): SyncState {
  return useSyncExternalStore(subscribe, () => state);
}
