import type { ApplicationDecided } from '../../core/sync/changes';
import type { DecisionRow } from '../../db';

/** The stored record of a decision the platform accepted, as it arrives down the feed (village or township). */
export function arrivedDecisionRow(d: ApplicationDecided, recordedAt: string): DecisionRow {
  return {
    id: d.decisionId,
    applicationId: d.applicationId,
    decision: d.decision,
    reason: d.reason,
    supplement: d.supplement,
    reviewerId: d.reviewer.id,
    reviewerName: d.reviewer.name,
    decidedAt: d.decidedAt,
    state: 'synced',
    refusedReason: null,
    messageId: null,
    recordedAt,
    step: d.step,
    statusAfter: d.status,
  };
}
