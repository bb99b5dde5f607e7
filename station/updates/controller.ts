import type { Logger } from 'pino';
import type { UpdateStatusView } from '../../core/api/update-methods';
import type { StoreNotice } from '../../core/sync/protocol';
import { compareVersions, isReleaseVersion } from '../../core/versions';
import { DaibanError } from '../../core/errors';
import type { Clock } from '../runtime/clock';
import { OneShotTimer, realTimers, type Timers } from '../runtime/timers';
import type { UpdateEngine, UpdateEngineEvent, UpdateFeed } from './engine';
import { describeUpdateError, UPDATE_MESSAGES } from './messages';

export interface UpdateOptions {
  /** Absent in the browser host and in tests that do not need updates: the status is 'unsupported'. */
  engine?: UpdateEngine;
  /** Between checks while online (default 4 h). */
  intervalMs?: number;
  /** From the first sign of the platform (the sync agent's first successful probe) to the first check (default 30 s). */
  startDelayMs?: number;
  timers?: Timers;
}

/** What the controller learns from the sync agent's status events. */
export interface UpdateConnection {
  enrolled: boolean;
  online: boolean | null;
  platformUrl: string | null;
  terminalId: string | null;
}

export interface UpdateControllerDeps {
  clock: Clock;
  log: Logger;
  /** The running app's version when there is no engine (the build's APP_VERSION). */
  fallbackVersion: string;
  emit(status: UpdateStatusView): void;
  /** True while a station call that writes (a draft save …) is still running: no restart then. */
  busy(): boolean;
  /** Stops sync and closes the store; resolves once it is closed. */
  closeStation(): Promise<void>;
  /** The store's schema, and the app version that upgraded it to that schema if known (db schema_history). */
  storeVersions(): { schema: number; upgradedBy: string | null };
  /** A downgrade refused (or null once the platform offers something else): kept for the screen and the fleet. */
  storeNotice(notice: StoreNotice | null): void;
}

export const DEFAULT_UPDATE_INTERVAL_MS = 4 * 3600_000;
export const DEFAULT_UPDATE_START_DELAY_MS = 30_000;
/** Lets the IPC answer of updates.install reach the window before the station closes. */
const RESTART_DELAY_MS = 300;

type Phase = Exclude<UpdateStatusView['state'], 'unsupported'>;

/**
 * The update policy (issue #6): check shortly after start once the platform answers, then every 4 h while
 * online; never while offline or before enrollment; download in the background; a downloaded build is
 * installed when the app quits (electron-updater's autoInstallOnAppQuit) or now when the cadre agrees
 * (install(), refused unless ready and idle). Failures become a Chinese status and are retried on schedule.
 */
export class UpdateController {
  private phase: Phase = 'idle';
  private availableVersion: string | null = null;
  private downloadPercent: number | null = null;
  private readyVersion: string | null = null;
  private releaseNotes: string | null = null;
  private lastCheckAt: string | null = null;
  private lastCheckMs: number | null = null;
  private error: string | null = null;
  /** electron-updater reports a failed check twice (an 'error' event and the rejection): handled once. */
  private lastFailure: unknown = null;
  private connection: UpdateConnection = { enrolled: false, online: null, platformUrl: null, terminalId: null };
  private readonly timer: OneShotTimer;
  private inflight: Promise<void> | null = null;
  private installing = false;
  private closed = false;
  private readonly timers: Timers;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly o: UpdateOptions,
    private readonly deps: UpdateControllerDeps,
  ) {
    this.timers = o.timers ?? realTimers;
    this.timer = new OneShotTimer(this.timers);
    this.unsubscribe = o.engine?.subscribe((e) => this.onEngineEvent(e)) ?? (() => undefined);
    o.engine?.attachLog?.(deps.log);
    o.engine?.setGate?.((version, storeSchema) => this.refusal(version, storeSchema));
  }

  /**
   * A build that cannot open this store (a rollback past a migration) is not downloaded, and IT staff see why on
   * the fleet view. The feed says which store schema the build ships; for a build published without it, one
   * older than the version that upgraded the store to its schema is refused. Null lets the version through.
   */
  private refusal(version: string, offeredSchema: number | null): string | null {
    const store = this.deps.storeVersions();
    if (offeredSchema !== null) return offeredSchema < store.schema ? UPDATE_MESSAGES.schemaTooOld(version, offeredSchema, store.schema) : null;
    const floor = store.upgradedBy;
    if (!floor || !isReleaseVersion(version) || !isReleaseVersion(floor) || compareVersions(version, floor) >= 0) return null;
    return UPDATE_MESSAGES.downgradePastSchema(version, floor, store.schema);
  }

  get supported(): boolean {
    return this.o.engine !== undefined;
  }

  /** The version this app runs: electron-updater's (Electron's app.getVersion()) when there is an engine. */
  get currentVersion(): string {
    return this.o.engine?.currentVersion ?? this.deps.fallbackVersion;
  }

  status(): UpdateStatusView {
    return {
      supported: this.supported,
      state: this.supported ? this.phase : 'unsupported',
      currentVersion: this.currentVersion,
      availableVersion: this.availableVersion,
      downloadPercent: this.downloadPercent,
      readyVersion: this.readyVersion,
      releaseNotes: this.releaseNotes,
      lastCheckAt: this.lastCheckAt,
      error: this.error,
    };
  }

  /** Every sync status: schedules the first check once online and enrolled. */
  connectionChanged(c: UpdateConnection): void {
    this.connection = c;
    if (!this.o.engine || this.closed) return;
    if (!this.feed()) {
      this.clearTimer();
      return;
    }
    if (c.online === true && !this.timer.pending && !this.inflight) this.schedule(this.delayUntilDue());
  }

  /** On demand (a button): refused when there is no updater, before enrollment, or while offline. */
  async check(): Promise<UpdateStatusView> {
    if (!this.o.engine) throw new DaibanError('UPDATE_UNSUPPORTED', UPDATE_MESSAGES.unsupported);
    if (!this.feed()) throw new DaibanError('NOT_ENROLLED', UPDATE_MESSAGES.notEnrolled);
    if (this.connection.online === false) throw new DaibanError('PLATFORM_UNREACHABLE', UPDATE_MESSAGES.offline);
    this.clearTimer();
    await this.runCheck();
    if (!this.closed && !this.installing && !this.timer.pending) this.schedule(this.intervalMs);
    return this.status();
  }

  /**
   * The cadre agreed to restart now. Refused unless a build is ready and no write is running; the renderer
   * offers it only when no form is open and flushes pending draft saves first. The restart follows shortly:
   * the station closes (sync stopped, store closed), then the engine runs the installer and quits.
   */
  install(): UpdateStatusView {
    const engine = this.o.engine;
    if (!engine) throw new DaibanError('UPDATE_UNSUPPORTED', UPDATE_MESSAGES.unsupported);
    if (this.phase !== 'ready' || this.readyVersion === null) throw new DaibanError('UPDATE_NOT_READY', UPDATE_MESSAGES.notReady);
    if (this.installing) return this.status();
    if (this.deps.busy()) throw new DaibanError('UPDATE_BUSY', UPDATE_MESSAGES.busy);
    this.installing = true;
    this.clearTimer();
    this.deps.log.info({ from: this.currentVersion, to: this.readyVersion }, 'updates: restart to install requested');
    this.timers.setTimeout(() => void this.restartAndInstall(engine), RESTART_DELAY_MS);
    return this.status();
  }

  /** Station.close: no more checks. A download in progress is abandoned with the process. */
  stop(): void {
    this.closed = true;
    this.clearTimer();
    this.unsubscribe();
  }

  // ---- schedule ----

  private get intervalMs(): number {
    return this.o.intervalMs ?? DEFAULT_UPDATE_INTERVAL_MS;
  }

  private feed(): UpdateFeed | null {
    const c = this.connection;
    return c.enrolled && c.platformUrl && c.terminalId ? { platformUrl: c.platformUrl, terminalId: c.terminalId } : null;
  }

  /** Shortly after start; after that every interval, and shortly after coming back online when one was missed. */
  private delayUntilDue(): number {
    const startDelay = this.o.startDelayMs ?? DEFAULT_UPDATE_START_DELAY_MS;
    if (this.lastCheckMs === null) return startDelay;
    const due = this.lastCheckMs + this.intervalMs - this.deps.clock.now().getTime();
    return due > 0 ? due : startDelay;
  }

  private schedule(delayMs: number): void {
    this.timer.set(delayMs, () => void this.onTimer());
  }

  private clearTimer(): void {
    this.timer.clear();
  }

  private async onTimer(): Promise<void> {
    // Offline or unenrolled now: wait; the next sync status that says online schedules the check.
    if (this.closed || this.installing || this.connection.online !== true || !this.feed()) return;
    await this.runCheck();
    if (!this.closed && !this.installing && !this.timer.pending) this.schedule(this.intervalMs);
  }

  private runCheck(): Promise<void> {
    if (this.inflight) return this.inflight;
    const engine = this.o.engine;
    const feed = this.feed();
    if (!engine || !feed) return Promise.resolve();
    this.inflight = (async () => {
      try {
        engine.configure(feed);
        await engine.check();
      } catch (e) {
        // electron-updater also emits 'error' for this failure; onError handles the same error once.
        this.onError(e);
      } finally {
        const now = this.deps.clock.now();
        this.lastCheckMs = now.getTime();
        this.lastCheckAt = now.toISOString();
        if (this.phase === 'checking') this.phase = 'up_to_date';
        this.inflight = null;
        this.emit();
      }
    })();
    return this.inflight;
  }

  private async restartAndInstall(engine: UpdateEngine): Promise<void> {
    try {
      await this.deps.closeStation();
    } catch (err) {
      this.deps.log.error({ err }, 'updates: closing the station before the install failed');
    }
    if (!engine.quitAndInstall()) this.deps.log.error('updates: the installer did not start');
  }

  // ---- what the engine reports ----

  private onEngineEvent(e: UpdateEngineEvent): void {
    if (this.closed) return;
    switch (e.type) {
      case 'checking':
        // A ready or downloading build stays on screen while a periodic check runs.
        if (this.phase !== 'ready' && this.phase !== 'downloading') this.phase = 'checking';
        break;
      case 'refused':
        if (this.readyVersion !== null) this.o.engine?.setInstallOnQuit(false);
        this.phase = 'refused';
        this.availableVersion = e.version;
        this.readyVersion = null;
        this.releaseNotes = null;
        this.downloadPercent = null;
        this.error = e.reason;
        this.deps.log.warn({ version: e.version, reason: e.reason }, 'updates: downgrade past the store schema refused');
        this.deps.storeNotice({ kind: 'downgrade_refused', message: e.reason, at: this.deps.clock.now().toISOString() });
        break;
      case 'available':
        this.deps.storeNotice(null);
        if (e.version === this.readyVersion) break;
        this.phase = 'downloading';
        this.availableVersion = e.version;
        this.releaseNotes = e.releaseNotes;
        this.downloadPercent = 0;
        this.error = null;
        break;
      case 'progress': {
        const percent = Math.max(0, Math.min(100, Math.floor(e.percent)));
        if (this.phase !== 'downloading' || percent === this.downloadPercent) return;
        this.downloadPercent = percent;
        break;
      }
      case 'downloaded':
        this.phase = 'ready';
        this.readyVersion = e.version;
        this.availableVersion = e.version;
        this.releaseNotes = e.releaseNotes ?? this.releaseNotes;
        this.downloadPercent = 100;
        this.error = null;
        this.o.engine?.setInstallOnQuit(true);
        this.deps.log.info({ version: e.version }, 'updates: downloaded, installs on quit');
        break;
      case 'not-available':
        this.deps.storeNotice(null);
        if (this.readyVersion !== null) {
          // Paused or rolled back on the platform after we downloaded it: do not install it on quit.
          this.deps.log.warn({ version: this.readyVersion, offered: e.version }, 'updates: downloaded build withdrawn by the platform');
          this.o.engine?.setInstallOnQuit(false);
        }
        this.phase = 'up_to_date';
        this.readyVersion = null;
        this.availableVersion = null;
        this.downloadPercent = null;
        this.releaseNotes = null;
        this.error = null;
        break;
      case 'error':
        this.onError(e.error);
        return;
    }
    this.emit();
  }

  private onError(err: unknown): void {
    if (this.closed || (err !== null && err === this.lastFailure)) return;
    this.lastFailure = err;
    const d = describeUpdateError(err);
    if (d.kind === 'none') {
      // Nothing published for this terminal yet.
      if (this.phase === 'checking') this.phase = 'up_to_date';
      this.error = null;
    } else {
      this.deps.log.warn({ err }, 'updates: check or download failed');
      this.error = d.message;
      // A build already downloaded stays installable; anything else shows the failure.
      if (this.phase !== 'ready') {
        this.phase = 'error';
        this.downloadPercent = null;
      }
    }
    this.emit();
  }

  private emit(): void {
    if (this.closed) return;
    try {
      this.deps.emit(this.status());
    } catch (err) {
      this.deps.log.warn({ err }, 'updates: status event failed');
    }
  }
}
