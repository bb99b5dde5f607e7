import type { Logger } from 'pino';
import type { IdCardStatusView } from '../../core/api/id-card-methods';
import { DaibanError, isDaibanError } from '../../core/errors';
import { OneShotTimer, realTimers, type Timers } from '../runtime/timers';
import type { IdCardReaderPort, IdCardReading } from './port';

export interface IdCardServiceOptions {
  /** None configured: the state is 'none' and reading says so. */
  reader?: IdCardReaderPort | null;
  /** Between probes for a card (default 1 s): a card placed is read without a key pressed. */
  pollMs?: number;
  timers?: Timers;
}

const NONE: IdCardStatusView = { state: 'none', label: null, message: null };

/**
 * The reader's state for the top bar and the resident screens: a probe (寻找证/卡 only) every second tells a
 * card placed or taken away, and an unplugged reader, as events. Never two operations on the reader at once:
 * a probe waits for a read and the other way round.
 */
export class IdCardService {
  private current: IdCardStatusView;
  private readonly timer: OneShotTimer;
  private operation: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly o: IdCardServiceOptions,
    private readonly deps: { emit(status: IdCardStatusView): void; log: Logger },
  ) {
    this.current = o.reader ? { state: 'ready', label: o.reader.label, message: null } : NONE;
    this.timer = new OneShotTimer(o.timers ?? realTimers);
  }

  start(): void {
    if (this.o.reader) this.schedule(0);
  }

  stop(): Promise<unknown> {
    this.stopped = true;
    this.timer.clear();
    return this.operation.catch(() => undefined);
  }

  status(): IdCardStatusView {
    return this.current;
  }

  /** One read of the card on the reader (the port's errors, Chinese, pass through). */
  read(): Promise<IdCardReading> {
    const reader = this.o.reader;
    if (!reader) return Promise.reject(noReader());
    return this.exclusive(async () => {
      try {
        const r = await reader.read();
        this.set({ state: 'card', label: reader.label, message: null });
        return r;
      } catch (e) {
        this.noteFailure(reader, e);
        throw e;
      }
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.operation.catch(() => undefined).then(work);
    this.operation = next;
    return next;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer.set(ms, () => {
      void this.exclusive(async () => {
        const reader = this.o.reader!;
        try {
          this.set({ state: await reader.probe(), label: reader.label, message: null });
        } catch (e) {
          this.noteFailure(reader, e);
        }
      }).finally(() => this.schedule(this.o.pollMs ?? 1_000));
    });
  }

  /** An unplugged or garbling reader is the top bar's error; no card or a card moved is only the read's answer. */
  private noteFailure(reader: IdCardReaderPort, e: unknown): void {
    if (!isDaibanError(e)) this.deps.log.warn({ err: e }, 'id card reader: unexpected failure');
    const unavailable = isDaibanError(e) && e.code === 'ID_READER_UNAVAILABLE';
    if (isDaibanError(e) && e.code === 'ID_CARD_ABSENT') this.set({ state: 'ready', label: reader.label, message: null });
    else if (unavailable || !isDaibanError(e)) this.set({ state: 'error', label: reader.label, message: isDaibanError(e) ? e.message : '读卡器出现异常' });
  }

  private set(next: IdCardStatusView): void {
    const c = this.current;
    if (c.state === next.state && c.message === next.message && c.label === next.label) return;
    this.current = next;
    this.deps.emit(next);
  }
}

const noReader = () => new DaibanError('ID_READER_UNAVAILABLE', '本机没有配置身份证读卡器，请手工录入证件信息；需要读卡器请联系县级运维人员');
