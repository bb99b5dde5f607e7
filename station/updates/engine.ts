import type { Logger } from 'pino';

/**
 * The port between the update policy (controller.ts) and whatever downloads and installs builds: in the app
 * electron-updater (electron-updater-engine.ts), in unit tests a fake. Events, not return values, carry the
 * outcome, because electron-updater downloads in the background after a check has returned.
 */

export type UpdateEngineEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string; releaseNotes: string | null }
  /** Offered, and refused by the gate (setGate): not downloaded. */
  | { type: 'refused'; version: string; reason: string }
  | { type: 'not-available'; version: string | null }
  | { type: 'progress'; percent: number }
  /** Downloaded and its sha512 verified against the feed. */
  | { type: 'downloaded'; version: string; releaseNotes: string | null }
  | { type: 'error'; error: unknown };

export type UpdateEngineListener = (event: UpdateEngineEvent) => void;

/** Where this terminal's feed is: `${platformUrl}/updates/${terminalId}/`. */
export interface UpdateFeed {
  platformUrl: string;
  terminalId: string;
}

export interface UpdateEngine {
  /** The running app's version (semver): what electron-updater compares with and the heartbeat reports. */
  readonly currentVersion: string;
  /** Points the engine at the terminal's feed (and staging id). Called before every check; cheap when unchanged. */
  configure(feed: UpdateFeed): void;
  /** One check; a newer (or, after a rollback, older) build starts downloading in the background. */
  check(): Promise<void>;
  /**
   * Asked before a build the feed offers is downloaded, with the store schema the feed says it ships (null: not
   * declared): a reason refuses it (a downgrade past the store's schema). Engines without it (tests' fakes)
   * download whatever is offered.
   */
  setGate?(gate: (version: string, storeSchema: number | null) => string | null): void;
  /** Whether a downloaded build is installed when the app quits (false once the platform withdrew it). */
  setInstallOnQuit(enabled: boolean): void;
  /** Runs the installer and quits the app; false when the installer could not be started. */
  quitAndInstall(): boolean;
  subscribe(listener: UpdateEngineListener): () => void;
  /** The station's log, for the engine's own messages (electron-updater logs to the console otherwise). */
  attachLog?(log: Logger): void;
}

/** The feed URL of a terminal (the platform picks its channel and staging from the terminal id). */
export function feedUrl(feed: UpdateFeed): string {
  return `${feed.platformUrl.replace(/\/+$/, '')}/updates/${encodeURIComponent(feed.terminalId)}/`;
}
