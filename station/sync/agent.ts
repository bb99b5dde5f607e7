import { hostname } from 'node:os';
import type { SyncPhase, SyncStatusView } from '../../core/api/views';
import type { SyncHealth } from '../diagnostics/build';
import { DaibanError } from '../../core/errors';
import { countPending, deleteSetting, findUserByUsername, getSetting, setSetting } from '../../db';
import { APP_VERSION } from '../runtime/app-version';
import type { StationContext } from '../context';
import { SETTINGS } from '../runtime/settings-keys';
import type { PageEffects } from './apply-changes';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { ENROLL_MESSAGES, requestEnrollment, storeEnrollment } from './enroll';
import { isEnrolled, loadEnrollment, type Enrollment } from './enrollment';
import { isSyncError, SyncError, SYNC_MESSAGES } from './errors';
import { fetchBlob } from './fetch-blob';
import { sendHeartbeat } from './heartbeat';
import { sendDiagnostics } from './send-diagnostics';
import { PlatformClient } from './http-client';
import { probePlatform } from './probe';
import { pullChanges } from './pull-changes';
import { pushAudit } from './push-audit';
import { pushOutbox } from './push-outbox';
import type { SyncRun } from './run';
import { ServerClock } from './server-clock';
import { buildSyncStatus, type AgentState } from './status-view';
import { OneShotTimer, realTimers, type Timers } from '../runtime/timers';
import { uploadBlobs } from './upload-blobs';

export interface SyncOptions {
  /** Start the timer when the station opens (default true; an unenrolled terminal stays idle anyway). */
  autoStart?: boolean;
  /** Between successful runs (default 60 s). */
  intervalMs?: number;
  /** Between probes while offline (default 15 s): the moment the platform answers, a sync follows. */
  offlineProbeMs?: number;
  /** After work arrived during a run, or a submission was just saved (default 2 s). */
  soonMs?: number;
  backoff?: Partial<BackoffPolicy>;
  /** Each JSON request gives up after this (default 30 s). */
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
  timers?: Timers;
  random?: () => number;
  appVersion?: string;
  hostname?: string;
  /** At most one progress event per this many ms (default 250). */
  progressThrottleMs?: number;
}

type Outcome = { ok: true; moreWork: boolean } | { ok: false; error: SyncError };

const NOT_ENROLLED = '本终端尚未注册到省级平台，请先由管理员填写平台地址和注册码完成注册。';

/**
 * The terminal's sync agent (DESIGN.md §5): one run is probe → blobs → outbox → changes → heartbeat. Runs on
 * a timer while online, every few seconds of probing while offline, on demand, and after a submission;
 * never two at once (a request during a run joins it). Failures back off with full jitter; Retry-After is
 * honoured. Every step commits its own transaction, so a run stopped anywhere leaves the store consistent.
 */
export class SyncAgent {
  private started = false;
  private closed = false;
  private readonly timer: OneShotTimer;
  private timerDueMs = 0;
  private inflight: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private enrolling = false;
  private failures = 0;
  private lastFailure: { kind: string; code: string | null } | null = null;
  private clock: ServerClock | null = null;
  private lastProgressEmit = 0;
  private readonly state: AgentState = { online: null, syncing: false, phase: 'idle', progress: null, nextAttemptAt: null };
  private readonly backoff: BackoffPolicy;

  constructor(
    private readonly ctx: StationContext,
    private readonly o: SyncOptions & { dataDir: string },
  ) {
    this.timer = new OneShotTimer(o.timers ?? realTimers);
    this.backoff = { ...DEFAULT_BACKOFF, ...o.backoff };
  }

  get enrolled(): boolean {
    return isEnrolled(this.ctx.db);
  }

  /** Starts the schedule (a first run right away when enrolled). Idempotent. */
  start(): void {
    if (this.closed || this.started) return;
    this.started = true;
    if (this.enrolled && !this.inflight) this.schedule(0);
  }

  /** Stops the schedule and any run in progress; resolves once that run has let go of the store. */
  async stop(): Promise<void> {
    this.started = false;
    this.clearTimer();
    this.abort?.abort();
    await this.inflight;
    this.emit();
  }

  /** For Station.close: like stop, but final; undefined when nothing is running (the store can close now). */
  close(): Promise<void> | undefined {
    this.closed = true;
    this.started = false;
    this.clearTimer();
    this.abort?.abort();
    return this.inflight ?? undefined;
  }

  /** A sync now (or the one running); resolves with the status after it. A failure shows in `lastError`. */
  async syncNow(): Promise<SyncStatusView> {
    if (!this.enrolled) throw new DaibanError('NOT_ENROLLED', NOT_ENROLLED);
    await this.run();
    return this.status();
  }

  /** Something was queued: sync soon if we are idle and the platform was reachable last time. */
  nudge(): void {
    if (!this.started || this.closed || this.inflight || this.state.online === false || !this.enrolled) return;
    const soon = this.o.soonMs ?? 2_000;
    if (!this.timer.pending || this.timerDueMs > this.localMs() + soon) this.schedule(soon);
  }

  status(): SyncStatusView {
    return buildSyncStatus(this.ctx.db, this.state, this.ctx.session.user !== null);
  }

  /** What only the running agent knows, for the diagnostics bundle. */
  health(): SyncHealth {
    return {
      consecutiveFailures: this.failures,
      lastErrorKind: this.lastFailure?.kind ?? null,
      lastErrorCode: this.lastFailure?.code ?? null,
      online: this.state.online,
    };
  }

  /** Enrollment with a one-time code, then a first sync so accounts and the catalog come down. */
  async enroll(input: { platformUrl: string; code: string }, actorId: string): Promise<SyncStatusView> {
    if (this.enrolled) throw new DaibanError('ALREADY_ENROLLED', ENROLL_MESSAGES.alreadyEnrolled);
    if (this.enrolling) throw new DaibanError('ENROLL_FAILED', '正在注册，请稍候。');
    if (this.closed) throw new DaibanError('ENROLL_FAILED', SYNC_MESSAGES.aborted);
    this.enrolling = true;
    try {
      const serverClock = new ServerClock(this.ctx.clock, 0);
      const { response, signer } = await requestEnrollment({
        platformUrl: input.platformUrl,
        code: input.code,
        appVersion: this.o.appVersion ?? APP_VERSION,
        hostname: this.o.hostname ?? hostname(),
        fetch: this.o.fetch ?? fetch,
        serverClock,
        timeoutMs: this.o.requestTimeoutMs ?? 30_000,
      });
      if (this.enrolled) throw new DaibanError('ALREADY_ENROLLED', ENROLL_MESSAGES.alreadyEnrolled);
      storeEnrollment(this.ctx.db, {
        platformUrl: input.platformUrl,
        response,
        signer,
        serverOffsetMs: serverClock.offsetMs,
        at: this.ctx.clock.now().toISOString(),
        actorId,
      });
      this.clock = null;
      this.ctx.log.info({ terminalId: response.terminalId, divisionCode: response.divisionCode }, 'sync: terminal enrolled');
    } finally {
      this.enrolling = false;
    }
    this.emit();
    await this.run();
    return this.status();
  }

  /**
   * A scan from the platform, outside the run schedule (a reviewer opened it). Throws a SyncError when the
   * platform cannot be reached or does not have it; null on a terminal that was never enrolled.
   */
  async downloadBlob(sha256: string): Promise<Buffer | null> {
    const enrollment = loadEnrollment(this.ctx.db);
    if (!enrollment || this.closed) return null;
    return fetchBlob(this.platformClient(enrollment), sha256);
  }

  /** A client signing as this terminal, outside the run schedule (a file relayed: station/transfer); null before enrollment. */
  signedClient(): PlatformClient | null {
    const enrollment = loadEnrollment(this.ctx.db);
    return enrollment && !this.closed ? this.platformClient(enrollment) : null;
  }

  /** Runs what a page of the feed asks of the app after it is stored (cache reloads, events): for pages that came on a stick. */
  announce(effects: PageEffects): void {
    this.afterChangesPage(effects);
  }

  /** Tells every screen the status now (a return file settled the queue outside a run). */
  statusChanged(): void {
    this.emit();
  }

  /** A client that signs as this terminal; `signal` stops its requests (the run's abort). */
  private platformClient(enrollment: Enrollment, signal?: AbortSignal): PlatformClient {
    return new PlatformClient({
      baseUrl: enrollment.platformUrl,
      fetch: this.o.fetch ?? fetch,
      serverClock: this.serverClock(),
      identity: { terminalId: enrollment.terminalId, signer: enrollment.signer },
      timeoutMs: this.o.requestTimeoutMs ?? 30_000,
      signal,
    });
  }

  // ---- one run ----

  private run(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (this.closed) return Promise.resolve();
    this.clearTimer();
    const abort = (this.abort = new AbortController());
    this.inflight = this.execute(abort.signal).finally(() => {
      this.inflight = null;
      this.abort = null;
      this.emit();
    });
    return this.inflight;
  }

  private async execute(signal: AbortSignal): Promise<void> {
    const enrollment = loadEnrollment(this.ctx.db);
    if (!enrollment) return;
    Object.assign(this.state, { syncing: true, phase: 'probing', progress: null, nextAttemptAt: null });
    setSetting(this.ctx.db, SETTINGS.lastAttemptAt, this.ctx.clock.now().toISOString());
    this.emit();
    let outcome: Outcome;
    try {
      outcome = await this.attempt(enrollment, signal);
    } catch (e) {
      if (!isSyncError(e)) this.ctx.log.error({ err: e }, 'sync: run failed unexpectedly');
      outcome = { ok: false, error: isSyncError(e) ? e : new SyncError('protocol', SYNC_MESSAGES.internal, { cause: e }) };
    }
    Object.assign(this.state, { syncing: false, phase: 'idle', progress: null });
    this.record(outcome);
    if (this.started && !this.closed) this.schedule(this.nextDelay(outcome));
  }

  private async attempt(enrollment: Enrollment, signal: AbortSignal): Promise<Outcome> {
    const client = this.platformClient(enrollment, signal);
    const run: SyncRun = {
      db: this.ctx.db,
      blobs: this.ctx.blobs,
      log: this.ctx.log,
      clock: this.ctx.clock,
      client,
      features: new Set(),
      signal,
      progress: (done, total) => this.setProgress(done, total),
    };
    run.features = await probePlatform(client);
    this.state.online = true;
    this.setPhase('blobs');
    await uploadBlobs(run);
    this.setPhase('outbox');
    const pushed = await pushOutbox(run);
    // The chain last: the settlements just written go up in this same run.
    await pushAudit(run);
    this.setPhase('changes');
    await pullChanges(run, (effects) => this.afterChangesPage(effects));
    this.setPhase('heartbeat');
    try {
      const hb = await sendHeartbeat(run, {
        appVersion: this.o.appVersion ?? APP_VERSION,
        dataDir: this.o.dataDir,
        lastSyncAt: this.ctx.clock.now().toISOString(),
      });
      if (hb.diagnosticsRequested) await sendDiagnostics(run, this.ctx, { appVersion: this.o.appVersion ?? APP_VERSION, health: this.health() });
    } catch (e) {
      // Telemetry: its failure must not turn a sync whose data all went through into a failed one.
      if (isSyncError(e) && e.kind === 'aborted') throw e;
      this.ctx.log.warn({ err: e }, 'sync: heartbeat failed');
    }
    return { ok: true, moreWork: pushed.heldBack || countPending(this.ctx.db) > 0 };
  }

  private record(outcome: Outcome): void {
    const db = this.ctx.db;
    if (outcome.ok) {
      this.failures = 0;
      this.lastFailure = null;
      db.transaction(() => {
        setSetting(db, SETTINGS.lastSuccessAt, this.ctx.clock.now().toISOString());
        deleteSetting(db, SETTINGS.lastError);
      })();
      return;
    }
    const e = outcome.error;
    if (e.kind === 'aborted') return;
    this.lastFailure = { kind: e.kind, code: e.code ?? null };
    if (e.kind === 'offline' || e.kind === 'intercepted') this.state.online = false;
    else this.failures++;
    this.ctx.log.info({ kind: e.kind, code: e.code, status: e.info.status }, 'sync: run failed');
    setSetting(db, SETTINGS.lastError, e.message);
  }

  private nextDelay(outcome: Outcome): number {
    if (outcome.ok) return outcome.moreWork ? (this.o.soonMs ?? 2_000) : (this.o.intervalMs ?? 60_000);
    const e = outcome.error;
    if (e.info.retryAfterMs !== undefined) return Math.min(e.info.retryAfterMs, 60 * 60_000);
    if (e.kind === 'offline' || e.kind === 'intercepted') return this.o.offlineProbeMs ?? 15_000;
    return backoffDelay(this.failures - 1, this.backoff, this.o.random ?? Math.random);
  }

  private afterChangesPage(effects: PageEffects): void {
    if (effects.catalogChanged) this.ctx.catalog.reload();
    if (effects.calendarChanged) this.ctx.calendar.reload();
    if (effects.received > 0) this.ctx.emit({ type: 'applications.arrived', count: effects.received });
    for (const d of effects.decisions) {
      try {
        this.ctx.emit({ type: 'decision.arrived', applicationId: d.applicationId, decision: d.decision });
      } catch (err) {
        this.ctx.log.warn({ err }, 'sync: decision event failed');
      }
    }
    for (const m of effects.moved) this.ctx.emit({ type: 'application.moved', applicationId: m.applicationId, status: m.status });
    const user = this.ctx.session.user;
    if (user && effects.accounts.includes(user.username)) {
      const fresh = findUserByUsername(this.ctx.db, user.username);
      // An account disabled at the county ends its session here too.
      this.ctx.session.user = fresh && !fresh.disabled ? fresh : null;
    }
  }

  private serverClock(): ServerClock {
    if (!this.clock) {
      const stored = Number(getSetting(this.ctx.db, SETTINGS.serverOffsetMs) ?? '0');
      this.clock = new ServerClock(this.ctx.clock, Number.isFinite(stored) ? stored : 0, (offset) => {
        if (!this.closed) setSetting(this.ctx.db, SETTINGS.serverOffsetMs, String(offset));
      });
    }
    return this.clock;
  }

  // ---- schedule and status events ----

  private localMs(): number {
    return this.ctx.clock.now().getTime();
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.timerDueMs = this.localMs() + delayMs;
    this.state.nextAttemptAt = new Date(this.timerDueMs).toISOString();
    this.timer.set(delayMs, () => void this.run());
  }

  private clearTimer(): void {
    this.timer.clear();
    this.state.nextAttemptAt = null;
  }

  private setPhase(phase: SyncPhase): void {
    this.state.phase = phase;
    this.state.progress = null;
    this.emit();
  }

  private setProgress(done: number, total: number): void {
    this.state.progress = { done, total };
    const now = performance.now();
    if (done < total && now - this.lastProgressEmit < (this.o.progressThrottleMs ?? 250)) return;
    this.emit();
  }

  private emit(): void {
    if (this.closed && !this.inflight) return;
    this.lastProgressEmit = performance.now();
    try {
      this.ctx.emit({ type: 'sync.status', status: this.status() });
    } catch (err) {
      this.ctx.log.warn({ err }, 'sync: status event failed');
    }
  }
}
