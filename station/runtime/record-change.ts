import { v7 as uuidv7 } from 'uuid';
import type { ApplicationStatus } from '../../core/lifecycle';
import { appendAudit, enqueue, insertEvent, type StoreDb } from '../../db';

export interface ChangeRecord {
  at: string;
  actorId: string;
  /** The application's history gets an event when this change concerns one. */
  event?: {
    applicationId: string;
    type: string;
    fromStatus: ApplicationStatus | null;
    toStatus: ApplicationStatus | null;
    note?: string | null;
  };
  /** What must go up to the platform, if anything; `id` when the caller must know it (to settle by it later). */
  outbox?: { kind: string; body: unknown; id?: string };
  audit: { action: string; entityType: string; entityId: string | null; detail?: Record<string, unknown> };
}

/** Where a change is written, and who hears that it queued a message (the context, in the station). */
export interface ChangeSink {
  readonly db: StoreDb;
  outboxQueued(): void;
  /** Throws when the store must not take this change (its integrity check failed). */
  assertWritable(change: ChangeRecord): void;
}

/**
 * The bookkeeping every state change carries (docs/architecture.md): an event, an outbox message, an audit
 * entry. Call it inside the transaction that writes the row itself, so all of it lands or none of it does.
 * A queued message rings the sink: the agent runs after the transaction has committed (its timer fires on a
 * later turn), and a rolled-back change only costs it one empty look at the outbox.
 */
export function recordChange(sink: ChangeSink, c: ChangeRecord): void {
  sink.assertWritable(c);
  const db = sink.db;
  if (c.event) {
    insertEvent(db, {
      id: uuidv7(),
      applicationId: c.event.applicationId,
      at: c.at,
      type: c.event.type,
      fromStatus: c.event.fromStatus,
      toStatus: c.event.toStatus,
      actorId: c.actorId,
      note: c.event.note ?? null,
    });
  }
  if (c.outbox) {
    enqueue(db, { id: c.outbox.id ?? uuidv7(), kind: c.outbox.kind, body: c.outbox.body, createdAt: c.at });
    sink.outboxQueued();
  }
  appendAudit(db, {
    at: c.at,
    actorId: c.actorId,
    action: c.audit.action,
    entityType: c.audit.entityType,
    entityId: c.audit.entityId,
    detail: c.audit.detail ?? {},
  });
}
