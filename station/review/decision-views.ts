import type { DecisionView } from '../../core/api/views';
import type { DecisionRow } from '../../db';

export const toDecisionView = (d: DecisionRow): DecisionView => ({
  id: d.id,
  decision: d.decision,
  reason: d.reason,
  supplement: d.supplement,
  reviewerName: d.reviewerName,
  decidedAt: d.decidedAt,
  step: d.step,
  statusAfter: d.statusAfter,
  synced: d.state === 'synced',
});

/** A history entry's type for a decision: the county's are told from the township's (县级审批：批准). */
export const decisionEventType = (step: DecisionRow['step'], type: string): string => (step === 'county' ? `county_${type}` : type);

/** One line for the history when a notice ran out: "公示期 2026-12-07 至 2026-12-13 届满". */
export const noticeEndedNote = (n: { startsOn: string; endsOn: string }): string => `公示期 ${n.startsOn} 至 ${n.endsOn} 届满`;

/** One line for an event note or a list: "户口簿复印件：缺少户主页；收入证明：金额与表单不符". */
export function supplementSummary(s: DecisionRow['supplement']): string {
  if (!s) return '';
  const items = s.items.map((i) => `${i.label}：${i.problem}`).join('；');
  return s.note ? `${items}（${s.note}）` : items;
}

/** The note an application event carries for a decision. */
export function decisionNote(d: Pick<DecisionRow, 'decision' | 'reason' | 'supplement'>): string | null {
  if (d.decision === 'request_supplement') return supplementSummary(d.supplement) || d.reason;
  return d.reason;
}
