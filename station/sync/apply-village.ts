import { v7 as uuidv7 } from 'uuid';
import type { DecisionView } from '../../core/api/views';
import { canTransition, transition, type ApplicationAction, type ApplicationStatus } from '../../core/lifecycle';
import type { ApplicationDecided, NoticeEnded } from '../../core/sync/changes';
import {
  appendAudit,
  findApplication,
  findDecision,
  insertDecision,
  insertEvent,
  markNoticeEnded,
  saveNotice,
  updateApplication,
  type StoreDb,
} from '../../db';
import { decisionEventType, decisionNote, noticeEndedNote, toDecisionView } from '../review/decision-views';
import { arrivedDecisionRow } from './decided-row';

/** The lifecycle actions a decision may stand for; the platform's status after it says which (core/review-levels.ts). */
const ACTIONS: Record<ApplicationDecided['decision'], readonly ApplicationAction[]> = {
  approve: ['approve', 'publicize', 'refer'],
  reject: ['reject'],
  request_supplement: ['request_supplement'],
};

const leadsTo = (s: ApplicationStatus, a: ApplicationAction, to: ApplicationStatus) => canTransition(s, a) && transition(s, a) === to;

/**
 * The moves a decision implies from where the village's copy stands, ending at the platform's status: an
 * acknowledgement lost to a crash and the township's start of review are implicit (the platform accepted
 * the decision, so both happened).
 */
function movesFrom(status: ApplicationStatus, d: ApplicationDecided): { steps: ApplicationAction[]; to: ApplicationStatus; action: ApplicationAction } | null {
  const steps: ApplicationAction[] = [];
  let s = status;
  const reach = (from: ApplicationStatus) => ACTIONS[d.decision].find((a) => leadsTo(from, a, d.status));
  for (const implicit of ['acknowledge', 'start_review'] as const) {
    if (!reach(s) && canTransition(s, implicit)) {
      s = transition(s, implicit);
      steps.push(implicit);
    }
  }
  const action = reach(s);
  if (!action) return null;
  steps.push(action);
  return { steps, to: d.status, action };
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
  const moves = movesFrom(app.status, d);
  if (d.notice) saveNotice(db, app.id, d.notice);
  const note = decisionNote(d);
  if (moves) {
    updateApplication(db, { ...app, status: moves.to, updatedAt: at });
    insertEvent(db, {
      id: uuidv7(),
      applicationId: app.id,
      at,
      type: decisionEventType(d.step, moves.action),
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

/**
 * A notice period ran out on the platform: the village's application moves on (to 待县级审批, as a rule), with
 * an event and an audit entry, in the feed page's transaction. Null for a repeat or an application not here
 * or not in its notice any more (withdrawn meanwhile).
 */
export function applyNoticeEndedOnVillage(db: StoreDb, n: NoticeEnded, at: string): { applicationId: string; status: ApplicationStatus } | null {
  const app = findApplication(db, n.applicationId);
  // Only an application in its notice moves, to a status its route allows; anything else changes nothing.
  const action = app?.status === 'publicizing' ? (['refer', 'approve'] as const).find((a) => leadsTo(app.status, a, n.status)) : undefined;
  if (!app || !action) return null;
  markNoticeEnded(db, app.id, n, n.endedAt);
  updateApplication(db, { ...app, status: n.status, updatedAt: at });
  insertEvent(db, {
    id: uuidv7(),
    applicationId: app.id,
    at,
    type: 'notice_ended',
    fromStatus: app.status,
    toStatus: n.status,
    actorId: 'system',
    note: noticeEndedNote(n),
  });
  appendAudit(db, {
    at,
    actorId: 'system',
    action: 'notice_ended',
    entityType: 'application',
    entityId: app.id,
    detail: { from: app.status, to: n.status, endsOn: n.endsOn },
  });
  return { applicationId: app.id, status: n.status };
}
