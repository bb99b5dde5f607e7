import type { Clock } from '../runtime/clock';

/**
 * The platform's clock as this terminal reckons it: its own clock plus an offset learned from the
 * `daiban-server-time` header of every response. Village PCs run hours or years off; requests are signed on
 * this clock so the platform's five-minute replay window holds anyway.
 */
export class ServerClock {
  constructor(
    private readonly local: Clock,
    private offset: number,
    /** Called when the offset moved by more than a second (to store it; not on every response). */
    private readonly onChange: (offsetMs: number) => void = () => {},
  ) {}

  private lastSigned = 0;

  get offsetMs(): number {
    return this.offset;
  }

  now(): Date {
    return new Date(this.local.now().getTime() + this.offset);
  }

  /**
   * The time to sign a request with: `now()`, but strictly increasing. The platform accepts a signature
   * once, and two identical requests in the same millisecond would otherwise sign identically.
   */
  signingTime(): Date {
    const t = Math.max(this.now().getTime(), this.lastSigned + 1);
    this.lastSigned = t;
    return new Date(t);
  }

  localMs(): number {
    return this.local.now().getTime();
  }

  /** `sentAtMs`/`receivedAtMs` on the local clock; the server stamped its time somewhere between, so take the middle. */
  learn(serverTime: string | null, sentAtMs: number, receivedAtMs: number): void {
    if (!serverTime) return;
    const server = Date.parse(serverTime);
    if (Number.isNaN(server)) return;
    const next = Math.round(server - (sentAtMs + receivedAtMs) / 2);
    const moved = Math.abs(next - this.offset) > 1000;
    this.offset = next;
    // Never keep signing ahead of a clock that was just corrected backwards (that is what CLOCK_SKEW fixes).
    this.lastSigned = Math.min(this.lastSigned, this.now().getTime());
    if (moved) this.onChange(next);
  }
}
