import { v7 as uuidv7 } from 'uuid';
import type { DecisionView } from '../../core/api/views';
import { canTransition, transition, type ApplicationAction, type ApplicationStatus } from '../../core/lifecycle';
import type { ApplicationDecided } from '../../core/sync/changes';
import { appendAudit, findApplication, findDecision, insertDecision, insertEvent, updateApplication, type StoreDb } from '../../db';
import { decisionNote, toDecisionView } from '../review/decision-views';
import { arrivedDecisionRow } from './decided-row';

const ACTION: Record<ApplicationDecided['decision'], ApplicationAction> = {
  approve: 'approve',
  reject: 'reject',
  request_supplement: 'request_supplement',
};

/**
 * The moves a decision implies from where the village's copy stands: an acknowledgement lost to a crash and
 * the township's start of review are implicit (the platform accepted the decision, so both happened).
 */
function movesFrom(status: ApplicationStatus, action: ApplicationAction): { steps: ApplicationAction[]; to: ApplicationStatus } | null {
  const steps: ApplicationAction[] = [];
  let s = status;
  for (const implicit of ['acknowledge', 'start_review'] as const) {
    if (!canTransition(s, action) && canTransition(s, implicit)) {
      s = transition(s, implicit);
      steps.push(implicit);
    }
  }
  if (!canTransition(s, action)) return null;
  steps.push(action);
  return { steps, to: transition(s, action) };
}

/**
 * A township decision arrives at the village: the decision is stored, the application moves (with an event
 * and an audit entry), all inside the feed page's transaction. Returns the view to announce after commit,
 * or null when there is nothing new (a repeat) or the application is not this terminal's.
 */
export function applyDecidedOnVillage(db: StoreDb, d: ApplicationDecided, at: string): { applicationId: string; decision: DecisionView } | null {
  const app = findApplication(db, d.applicationId);
  if (!app || findDecision(db, d.decisionId)) return null;
  const row = arrivedDecisionRow(d, at);
  insertDecision(db, row);
  const moves = movesFrom(app.status, ACTION[d.decision]);
  const note = decisionNote(d);
  if (moves) {
    updateApplication(db, { ...app, status: moves.to, updatedAt: at });
    insertEvent(db, {
      id: uuidv7(),
      applicationId: app.id,
      at,
      type: ACTION[d.decision],
      fromStatus: app.status,
      toStatus: moves.to,
      actorId: d.reviewer.id,
      note,
    });
  } else {
    // e.g. withdrawn here while the decision was made: keep the record, leave the status for people to sort out.
    insertEvent(db, {
      id: uuidv7(),
      applicationId: app.id,
      at,
      type: 'decision_unapplied',
      fromStatus: app.status,
      toStatus: app.status,
      actorId: d.reviewer.id,
      note,
    });
  }
  appendAudit(db, {
    at,
    actorId: 'system',
    action: 'decision_arrived',
    entityType: 'application',
    entityId: app.id,
    detail: { decisionId: d.decisionId, decision: d.decision, from: app.status, to: moves?.to ?? app.status },
  });
  return { applicationId: app.id, decision: toDecisionView(row) };
}
