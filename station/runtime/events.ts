import type { StationEvent } from '../../core/api/events';

export type { StationEvent };

export type StationEventListener = (event: StationEvent) => void;

/** A tiny fan-out; one listener's throw never reaches the station or the other listeners. */
export class StationEvents {
  private readonly listeners = new Set<StationEventListener>();

  constructor(private readonly onListenerError: (err: unknown) => void) {}

  subscribe(listener: StationEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: StationEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }
}
