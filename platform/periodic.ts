import type { PlatformContext } from './context';

/**
 * A background job on a timer (the notice sweep, the gateway's deliveries): never two runs of it at once in
 * this process, errors logged and retried by the next tick. Stopping waits for a run in progress, so the
 * database is not closed under it.
 */
export function startPeriodic(ctx: PlatformContext, name: string, everyMs: number, run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= run()
      .catch((e: unknown) => ctx.log.error({ err: e }, `${name} failed`))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
