import { useEffect, useRef } from 'react';
import { onEvent, type StationEvent } from '../api/client';

/** Calls `listener` for every push event of `type` while the component is mounted (the latest listener wins). */
export function useStationEvent<T extends StationEvent['type']>(type: T, listener: (e: Extract<StationEvent, { type: T }>) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(
    () =>
      onEvent((e) => {
        if (e.type === type) latest.current(e as Extract<StationEvent, { type: T }>);
      }),
    [type],
  );
}
