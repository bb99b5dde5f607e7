import { useSyncExternalStore } from 'react';
import type { UpdateStatusView } from '../../core/api/update-methods';
import { call, onEvent, type StationEvent } from '../api/client';

/**
 * The app update status for the banner: one `updates.status` read on the first subscriber and every
 * 10 minutes as a fallback, and the station's `{type: 'update.status', status}` push events in between.
 */

const POLL_MS = 10 * 60_000;

let status: UpdateStatusView | null = null;
const subscribers = new Set<() => void>();
let stop: (() => void) | null = null;

export function setUpdateStatus(next: UpdateStatusView): void {
  status = next;
  for (const s of subscribers) s();
}

function refresh(): void {
  // A failed read keeps the last status: the banner is never worth an error message.
  call('updates.status', {}).then(setUpdateStatus, () => undefined);
}

function isUpdateEvent(e: StationEvent): e is StationEvent & { status: UpdateStatusView } {
  const s = e.status as Partial<UpdateStatusView> | undefined;
  return e.type === 'update.status' && !!s && typeof s === 'object' && typeof s.supported === 'boolean';
}

function start(): () => void {
  refresh();
  const timer = setInterval(refresh, POLL_MS);
  const off = onEvent((e) => {
    if (isUpdateEvent(e)) setUpdateStatus(e.status);
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

export function useUpdateStatus(): UpdateStatusView | null {
  return useSyncExternalStore(subscribe, () => status);
}
