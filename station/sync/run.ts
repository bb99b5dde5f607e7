import type { Logger } from 'pino';
import type { StoreDb } from '../../db';
import type { BlobStore } from '../attachments/blob-store';
import type { Clock } from '../runtime/clock';
import type { PlatformClient } from './http-client';

/** What each phase of one sync run works with. */
export interface SyncRun {
  db: StoreDb;
  blobs: BlobStore;
  log: Logger;
  /** The terminal's clock: what is stored locally (settled_at, events) is on it, like everything else. */
  clock: Clock;
  client: PlatformClient;
  /** What the platform's health answer said it accepts (core/sync/protocol.ts PLATFORM_FEATURES); empty until probed. */
  features: ReadonlySet<string>;
  /** Set when the agent stops; phases check it between steps so a stop never splits a transaction. */
  signal: AbortSignal;
  progress(done: number, total: number): void;
}

export const nowIso = (run: SyncRun): string => run.clock.now().toISOString();
