import { STORE_SCHEMA_FIELD } from '../../core/admin/api';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppUpdater, ProgressInfo, UpdateInfo } from 'electron-updater';
import type { Logger } from 'pino';
import { feedUrl, type UpdateEngine, type UpdateEngineListener, type UpdateFeed } from './engine';

/**
 * The UpdateEngine on electron-updater. The AppUpdater comes from outside: electron-updater's `autoUpdater`
 * in the app (electron/updater.ts: NsisUpdater on Windows, AppImageUpdater or DebUpdater on Linux), or an
 * updater built on a Node AppAdapter in tests. Only types are imported here; electron-updater itself does not
 * load Electron until it installs.
 */

export interface ElectronUpdaterEngineOptions {
  updater: AppUpdater;
  /** electron-updater reads the staging id from `<userData>/.updaterId` (AppUpdater.getOrCreateStagingUserId). */
  userDataPath: string;
  log?: Logger;
  /** The installer could not be started after the station was closed: the shell relaunches the old version. */
  onInstallFailed?: () => void;
}

function notesOf(info: UpdateInfo): string | null {
  const n = info.releaseNotes;
  if (n == null) return null;
  if (typeof n === 'string') return n;
  return (
    n
      .map((r) => r.note ?? '')
      .filter(Boolean)
      .join('\n') || null
  );
}

export class ElectronUpdaterEngine implements UpdateEngine {
  private readonly listeners = new Set<UpdateEngineListener>();
  private configuredUrl: string | null = null;
  private gate: (version: string, storeSchema: number | null) => string | null = () => null;

  constructor(private readonly o: ElectronUpdaterEngineOptions) {
    const u = o.updater;
    // Downloaded by check() once the gate let the offered version through.
    u.autoDownload = false;
    u.autoInstallOnAppQuit = true;
    // A rollback on the platform serves the previous release: an older version must be offered too.
    u.allowDowngrade = true;
    if (o.log) this.attachLog(o.log);
    u.on('checking-for-update', () => this.fire({ type: 'checking' }));
    u.on('update-not-available', (info) => this.fire({ type: 'not-available', version: info?.version ?? null }));
    u.on('download-progress', (p: ProgressInfo) => this.fire({ type: 'progress', percent: p.percent }));
    u.on('update-downloaded', (info) => this.fire({ type: 'downloaded', version: info.version, releaseNotes: notesOf(info) }));
    u.on('error', (error) => this.fire({ type: 'error', error }));
  }

  get currentVersion(): string {
    return this.o.updater.currentVersion.version;
  }

  configure(feed: UpdateFeed): void {
    this.writeStagingId(feed.terminalId);
    const url = feedUrl(feed);
    if (url === this.configuredUrl) return;
    // The platform serves HTTP multi-range requests, so differential downloads fetch only changed blocks.
    this.o.updater.setFeedURL({ provider: 'generic', url, useMultipleRangeRequest: true });
    this.configuredUrl = url;
  }

  setGate(gate: (version: string, storeSchema: number | null) => string | null): void {
    this.gate = gate;
  }

  async check(): Promise<void> {
    const result = await this.o.updater.checkForUpdates();
    if (!result?.isUpdateAvailable) return;
    const info = result.updateInfo;
    // Our field beside electron-builder's (platform/releases/feed.ts); electron-updater keeps unknown fields.
    const declared = (info as unknown as Record<string, unknown>)[STORE_SCHEMA_FIELD];
    const reason = this.gate(info.version, Number.isInteger(declared) ? (declared as number) : null);
    if (reason !== null) return this.fire({ type: 'refused', version: info.version, reason });
    this.fire({ type: 'available', version: info.version, releaseNotes: notesOf(info) });
    // The download runs on; its failure arrives as an 'error' event, so the promise must not go unhandled.
    this.o.updater.downloadUpdate().catch(() => undefined);
  }

  setInstallOnQuit(enabled: boolean): void {
    this.o.updater.autoInstallOnAppQuit = enabled;
  }

  quitAndInstall(): boolean {
    // electron-updater reports an installer that cannot start through a synchronous 'error' event.
    let failed = false;
    const onError = () => (failed = true);
    this.o.updater.once('error', onError);
    try {
      // Silent (NSIS /S, per user: no prompt), and run the new version afterwards.
      this.o.updater.quitAndInstall(true, true);
    } catch {
      failed = true;
    } finally {
      this.o.updater.off('error', onError);
    }
    if (failed) this.o.onInstallFailed?.();
    return !failed;
  }

  attachLog(log: Logger): void {
    const l = log.child({ component: 'electron-updater' });
    this.o.updater.logger = {
      info: (m?: unknown) => l.info(String(m)),
      warn: (m?: unknown) => l.warn(String(m)),
      error: (m?: unknown) => l.error(String(m)),
      debug: (m: string) => l.debug(m),
    };
  }

  subscribe(listener: UpdateEngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Percentage staging is electron-updater's own: it hashes the UUID in `.updaterId`. Making it the terminal
   * id (a UUID from enrollment) lets the platform and IT staff know which terminals fall inside a percentage.
   * Read once per process by electron-updater, so this runs before the first check.
   */
  private writeStagingId(terminalId: string): void {
    const file = join(this.o.userDataPath, '.updaterId');
    try {
      if (readFileSync(file, 'utf8') === terminalId) return;
    } catch {
      /* not written yet */
    }
    mkdirSync(this.o.userDataPath, { recursive: true });
    writeFileSync(file, terminalId);
  }

  private fire(event: Parameters<UpdateEngineListener>[0]): void {
    for (const l of [...this.listeners]) l(event);
  }
}
