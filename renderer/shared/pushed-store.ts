import { useSyncExternalStore } from 'react';
import { onEvent, type StationEvent } from '../api/client';

/** A value shared by every component that shows it, kept current by the station while anyone is looking. */
export interface PushedStore<S> {
  get(): S;
  /** Takes a value from any source (a read, a push event, the answer of another call) and tells every subscriber. */
  set(next: S): void;
  /** The current value, re-rendering on every change; the first subscriber starts the keeping, the last one stops it. */
  useValue(): S;
}

export interface Keeping {
  /** Reads the value now (and sets it); run on the first subscriber and every `pollMs` as a fallback. */
  refresh(): void;
  pollMs: number;
  /** Every station push event while subscribed; sets the value when the event is the one it carries. */
  push(e: StationEvent): void;
}

/** A store fed by an initial read, a fallback poll and the station's push events in between. */
export function pushedStore<S>(initial: S, keeping: Keeping): PushedStore<S> {
  let value = initial;
  const subscribers = new Set<() => void>();
  let stop: (() => void) | null = null;

  const set = (next: S): void => {
    value = next;
    for (const s of subscribers) s();
  };

  const start = (): (() => void) => {
    keeping.refresh();
    const timer = setInterval(() => keeping.refresh(), keeping.pollMs);
    const off = onEvent((e) => keeping.push(e));
    return () => {
      clearInterval(timer);
      off();
    };
  };

  const subscribe = (listener: () => void): (() => void) => {
    subscribers.add(listener);
    stop ??= start();
    return () => {
      subscribers.delete(listener);
      if (subscribers.size === 0) {
        stop?.();
        stop = null;
      }
    };
  };

  const get = (): S => value;
  return { get, set, useValue: () => useSyncExternalStore(subscribe, get) };
}
