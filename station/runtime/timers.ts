/** The agent's only way to wait: injected, so tests run hours of backoff in milliseconds. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Unref'd: a waiting sync never keeps the process alive on its own. */
export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** One pending callback at a time on the injected Timers: set() replaces it, and the handle drops when it fires. */
export class OneShotTimer {
  private handle: unknown = null;

  constructor(private readonly timers: Timers) {}

  get pending(): boolean {
    return this.handle !== null;
  }

  set(ms: number, fn: () => void): void {
    this.clear();
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      fn();
    }, ms);
  }

  clear(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }
}
