import { z } from 'zod';

/** App updates from the platform's release feed (electron-updater): status, check, install when the cadre agrees. */
export const updateMethods = {
  /** Open to everyone (no personal data): what the updater is doing. */
  'updates.status': z.object({}).strict(),
  /** A check now (download follows in the background); resolves when the check itself is done. */
  'updates.check': z.object({}).strict(),
  /**
   * Restart now and install the downloaded update. Only when one is ready and nothing is being saved; the
   * renderer offers it only when no form is open. Resolves before the restart (the station then closes).
   */
  'updates.install': z.object({}).strict(),
} satisfies Record<string, z.ZodType>;

/**
 * unsupported: no updater here (browser host, an unpackaged app); idle: not checked yet; checking; downloading;
 * ready: downloaded, installs on the next start or now when the cadre agrees; up_to_date; error: the last check
 * or download failed (retried on schedule); refused: the platform offers an older build than the one that made
 * this store's schema (a rollback past a migration): not downloaded, the fleet view is told (`error` says why).
 */
export type UpdateState = 'unsupported' | 'idle' | 'checking' | 'downloading' | 'ready' | 'up_to_date' | 'error' | 'refused';

export interface UpdateStatusView {
  supported: boolean;
  state: UpdateState;
  /** The running app's version (the one the heartbeat reports). */
  currentVersion: string;
  /** The version the platform offers (being downloaded or ready); may be older after a rollback. */
  availableVersion: string | null;
  /** 0–100 while downloading. */
  downloadPercent: number | null;
  /** Downloaded and verified: installed when the app quits, or now via updates.install. */
  readyVersion: string | null;
  releaseNotes: string | null;
  lastCheckAt: string | null;
  /** Why the last check or download failed, in Chinese. */
  error: string | null;
}

/** What each of these methods resolves to. */
export interface UpdateOutputs {
  'updates.status': UpdateStatusView;
  'updates.check': UpdateStatusView;
  'updates.install': UpdateStatusView;
}
