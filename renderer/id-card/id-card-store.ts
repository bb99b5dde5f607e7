import type { IdCardStatusView } from '../../core/api/id-card-methods';
import { call } from '../api/client';
import { pushedStore } from '../shared/pushed-store';

/** The reader's state, shared by the top bar and the resident screens: a read on the first subscriber, then the station's pushes. */
const store = pushedStore<IdCardStatusView | null>(null, {
  refresh: () =>
    void call('idCard.status', {})
      .then((s) => store.set(s))
      .catch(() => undefined),
  pollMs: 30_000,
  push: (e) => {
    if (e.type === 'idCard.state') store.set(e.status);
  },
});

export const useIdCardStatus = store.useValue;
