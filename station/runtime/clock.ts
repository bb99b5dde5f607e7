/** The terminal's idea of "now"; injected so tests can move time (lock-outs, due dates, midnight). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const isoNow = (clock: Clock): string => clock.now().toISOString();
