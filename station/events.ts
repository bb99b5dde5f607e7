import type { UpdateStatusView } from '../core/api/update-methods';
import type { DecisionView, SyncStatusView } from '../core/api/views';

/**
 * What the station pushes to the UI without being asked (DESIGN.md §3): Electron forwards it over IPC, the
 * browser host over server-sent events. A type alias (not an interface) so it fits the transports' PushEvent.
 */
export type StationEvent =
  | { type: 'sync.status'; status: SyncStatusView }
  /** A township decision reached one of this village's applications (the home screen shows it). */
  | { type: 'decision.arrived'; applicationId: string; decision: DecisionView }
  /** App updates: checking, download progress (whole percents), ready to install (station/updates). */
  | { type: 'update.status'; status: UpdateStatusView };

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
