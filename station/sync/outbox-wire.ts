import { PLATFORM_FEATURES, type OutboxMessage } from '../../core/sync/protocol';
import type { SyncRun } from './run';

/** Whether outbox messages go up with their SHA-256: unless the platform said it computes it (core/sync/protocol.ts). */
export function sendsDigest(run: Pick<SyncRun, 'features'>): boolean {
  return !run.features.has(PLATFORM_FEATURES.outboxDigestOptional);
}

/** A message as it goes up (the outbox's and the audit chain's). */
export function onWire(m: OutboxMessage, digest: boolean): OutboxMessage {
  return digest ? { id: m.id, kind: m.kind, body: m.body, sha256: m.sha256 } : { id: m.id, kind: m.kind, body: m.body };
}
