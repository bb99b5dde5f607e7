import type { AuthenticatedTerminal } from '../auth/signed-request';
import type { NewChange } from '../change-feed';
import type { PlatformDb, Queryable } from '../database/types';
import type { OutboxKind } from '../../core/sync/messages';
import type { OutboxBodies, OutboxInvalidCode } from './validate-message';

/** A message that passed the checks outside the database, waiting for its store function. */
export interface Pending {
  index: number;
  id: string;
  sha256: string;
  kind: string;
  text: string;
}
export type Valid<K extends OutboxKind> = Pending & { body: OutboxBodies[K] };

/**
 * What a store function gets: the open transaction and two verdicts. A store function checks first and
 * writes only when it accepts, so an `invalid` message leaves nothing behind.
 */
export interface IngestScope {
  tx: Queryable;
  /** The platform's database, as the key of its caches (read inside the batch through `tx`). */
  db: PlatformDb;
  terminal: AuthenticatedTerminal;
  /** The platform's clock for this batch (received_at, updated_at, change times). */
  at: string;
  invalid(index: number, code: OutboxInvalidCode, reason: string): void;
  /** The message's content is on the platform already (its log row was purged, platform/retention.ts): applied once. */
  duplicate(index: number): void;
  /** Stores the message itself (under `divisionCode`) and appends `changes` to the feed, in acceptance order. */
  accept(pending: Pending, divisionCode: string, changes: NewChange[]): void;
}
