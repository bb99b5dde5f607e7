import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Decision, SupplementItem } from '../core/sync/messages';
import type { ApplicationStatus } from '../core/lifecycle';
import { stmt } from './statements';

export type DecisionState = 'pending' | 'synced' | 'refused';

/** A township decision: made on this terminal (pending until the platform answers) or arrived down the feed. */
export interface DecisionRow {
  id: string;
  applicationId: string;
  decision: Decision;
  reason: string | null;
  supplement: { items: SupplementItem[]; note: string | null } | null;
  reviewerId: string;
  reviewerName: string;
  decidedAt: string;
  state: DecisionState;
  refusedReason: string | null;
  messageId: string | null;
  recordedAt: string;
  /** The level that took it (core/review-levels.ts). */
  step: 'township' | 'county';
  /** The status it led to; null on records from before multi-level review (an approval then was final). */
  statusAfter: ApplicationStatus | null;
}

interface RawDecision extends Omit<DecisionRow, 'supplement'> {
  supplement: string | null;
}

const SELECT = `SELECT id, application_id AS applicationId, decision, reason, supplement, reviewer_id AS reviewerId,
  reviewer_name AS reviewerName, decided_at AS decidedAt, state, refused_reason AS refusedReason,
  message_id AS messageId, recorded_at AS recordedAt, step, status_after AS statusAfter FROM decisions`;

const toRow = (r: RawDecision): DecisionRow => ({ ...r, supplement: r.supplement ? (JSON.parse(r.supplement) as DecisionRow['supplement']) : null });

/** Inserts a decision; one already known (same id) is left as it is. Returns whether it was new. */
export function insertDecision(db: Database, d: DecisionRow): boolean {
  const r = stmt(
    db,
    `INSERT INTO decisions (id, application_id, decision, reason, supplement, reviewer_id, reviewer_name, decided_at,
       state, refused_reason, message_id, recorded_at, step, status_after)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  ).run(
    d.id,
    d.applicationId,
    d.decision,
    d.reason,
    d.supplement ? JSON.stringify(d.supplement) : null,
    d.reviewerId,
    d.reviewerName,
    d.decidedAt,
    d.state,
    d.refusedReason,
    d.messageId,
    d.recordedAt,
    d.step,
    d.statusAfter,
  );
  return r.changes === 1;
}

export function findDecision(db: Database, id: string): DecisionRow | null {
  const r = stmt<[string], RawDecision>(db, `${SELECT} WHERE id = ?`).get(id);
  return r ? toRow(r) : null;
}

export function findDecisionByMessage(db: Database, messageId: string): DecisionRow | null {
  const r = stmt<[string], RawDecision>(db, `${SELECT} WHERE message_id = ?`).get(messageId);
  return r ? toRow(r) : null;
}

export function setDecisionState(db: Database, id: string, state: DecisionState, refusedReason: string | null): void {
  stmt(db, 'UPDATE decisions SET state = ?, refused_reason = ? WHERE id = ?').run(state, refusedReason, id);
}

/** Oldest first; refused ones included (callers decide what to show). */
export function listDecisions(db: Database, applicationId: string): DecisionRow[] {
  return stmt<[string], RawDecision>(db, `${SELECT} WHERE application_id = ? ORDER BY decided_at, id`).all(applicationId).map(toRow);
}

/** The latest decision that stands (not refused by the platform). */
export function latestDecision(db: Database, applicationId: string): DecisionRow | null {
  const r = stmt<[string], RawDecision>(db, `${SELECT} WHERE application_id = ? AND state <> 'refused' ORDER BY decided_at DESC, id DESC LIMIT 1`).get(
    applicationId,
  );
  return r ? toRow(r) : null;
}

export function hasPendingDecision(db: Database, applicationId: string): boolean {
  return stmt<[string], { n: number }>(db, `SELECT count(*) AS n FROM decisions WHERE application_id = ? AND state = 'pending'`).get(applicationId)!.n > 0;
}

/**
 * The first approval or rejection that stands and ends the review, per application (the ledger: handling
 * time, who decided): a township's approval that opened a notice or went up to the county is not it.
 */
export function firstFinalDecisions(db: Database): Map<string, { decidedAt: string; decision: 'approve' | 'reject'; reviewerName: string }> {
  // SQLite's bare columns with min(): the other columns come from the row holding the minimum.
  const rows = stmt<[], { applicationId: string; decidedAt: string; decision: 'approve' | 'reject'; reviewerName: string }>(
    db,
    `SELECT application_id AS applicationId, min(decided_at) AS decidedAt, decision, reviewer_name AS reviewerName FROM decisions
     WHERE (decision = 'reject' OR (decision = 'approve' AND coalesce(status_after, 'approved') = 'approved')) AND state <> 'refused'
     GROUP BY application_id`,
  ).all();
  return new Map(rows.map((r) => [r.applicationId, { decidedAt: r.decidedAt, decision: r.decision, reviewerName: r.reviewerName }]));
}

/**
 * Takes back a decision that never left this terminal: its row and its outbox message go, in the caller's
 * transaction. False when the message is no longer pending (it was sent meanwhile).
 */
export function dropUnsentDecision(db: Database, decisionId: string, messageId: string): boolean {
  const message = stmt(db, `DELETE FROM outbox WHERE id = ? AND status = 'pending'`).run(messageId);
  if (message.changes === 0) return false;
  stmt(db, `DELETE FROM decisions WHERE id = ? AND state = 'pending'`).run(decisionId);
  return true;
}
