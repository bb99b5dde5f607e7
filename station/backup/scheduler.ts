import type { Logger } from 'pino';
import type { Clock } from '../runtime/clock';
import { OneShotTimer, realTimers, type Timers } from '../runtime/timers';
import type { BackupService } from './service';

export const DAY_MS = 24 * 3_600_000;

export interface BackupScheduleOptions {
  /** Start the schedule when the station opens (default true). */
  autoStart?: boolean;
  /** How often to look whether a daily backup is due (default 1 h). */
  intervalMs?: number;
  /** The first look after start (default 30 s: the first screen comes up before a copy holds the thread). */
  firstCheckMs?: number;
  timers?: Timers;
}

/**
 * Once a day, a scheduled backup: every hour (and shortly after start) it looks at the newest scheduled
 * backup and makes one when that is a day old or there is none. A village PC may be on a few hours a day,
 * so a fixed time of day would often be missed.
 */
export class BackupScheduler {
  private readonly timer: OneShotTimer;
  private running: Promise<void> | null = null;
  private stopped = true;
  /** Cleanups and checks not yet settled: close() waits for them only when there are some. */
  private inFlight = 0;

  constructor(
    private readonly service: BackupService,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly o: BackupScheduleOptions = {},
  ) {
    this.timer = new OneShotTimer(o.timers ?? realTimers);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = this.track(
      this.service.cleanup().then(
        () => undefined,
        (err) => this.log.warn({ err }, 'backup: cleanup failed'),
      ),
    );
    this.schedule(this.o.firstCheckMs ?? 30_000);
  }

  /** Stops the schedule; resolves when a backup in progress has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer.clear();
    await this.running;
  }

  /** Resolves when the cleanup or check in progress (if any) has ended. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** Makes the daily backup if it is due; resolves when done (tests call it directly). */
  check(): Promise<void> {
    const run = (this.running ?? Promise.resolve()).then(async () => {
      const newest = this.service.list().find((m) => m.kind === 'scheduled');
      const now = this.clock.now().getTime();
      if (newest && now - new Date(newest.createdAt).getTime() < DAY_MS) return;
      try {
        const m = await this.service.create('scheduled');
        if (m.problem) this.log.warn({ id: m.id, problem: m.problem }, 'backup: scheduled backup failed verification');
      } catch (err) {
        this.log.error({ err }, 'backup: scheduled backup failed');
      }
    });
    this.running = this.track(run);
    return this.running;
  }

  /** True while a cleanup or a backup is running. */
  get busy(): boolean {
    return this.inFlight > 0;
  }

  private track(p: Promise<void>): Promise<void> {
    this.inFlight++;
    return p.finally(() => {
      this.inFlight--;
    });
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer.set(ms, () => void this.check().finally(() => this.schedule(this.o.intervalMs ?? 3_600_000)));
  }
}
