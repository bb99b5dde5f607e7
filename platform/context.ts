import type { Logger } from 'pino';
import type { PlatformDb } from './database/types';

/** What every part of the platform shares: the database, the clock (tests move it) and the logger. */
export interface PlatformContext {
  db: PlatformDb;
  now: () => Date;
  log: Logger;
  /** The release store's files (platform/releases); absent only in contexts built by hand in tests. */
  releaseDir?: string;
}
