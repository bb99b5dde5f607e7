import type { ApplicationView, DecisionView } from '../../core/api/views';
import type { Decision } from '../../core/sync/messages';

/** The latest township decision of an application that stands, or null (older stations send none). */
export function decisionOf(a: ApplicationView): DecisionView | null {
  return a.decision ?? null;
}

export const DECISION_LABEL: Record<Decision, string> = {
  approve: '审核通过',
  request_supplement: '退回补正',
  reject: '不予通过',
};

export const DECISION_COLOR: Record<Decision, string> = {
  approve: 'success',
  request_supplement: 'warning',
  reject: 'error',
};
