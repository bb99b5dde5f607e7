import type { UpdateStatusView } from '../../core/api/update-methods';
import { call } from '../api/client';
import { pushedStore } from '../shared/pushed-store';

/**
 * The app update status for the banner: one `updates.status` read on the first subscriber and every
 * 10 minutes as a fallback, and the station's `{type: 'update.status', status}` push events in between.
 */

const store = pushedStore<UpdateStatusView | null>(null, {
  // A failed read keeps the last status: the banner is never worth an error message.
  refresh: () => void call('updates.status', {}).then(setUpdateStatus, () => undefined),
  pollMs: 10 * 60_000,
  push: (e) => {
    if (e.type === 'update.status') setUpdateStatus(e.status);
  },
});

export function setUpdateStatus(next: UpdateStatusView): void {
  store.set(next);
}

export function useUpdateStatus(): UpdateStatusView | null {
  return store.useValue();
}
