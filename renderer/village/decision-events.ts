import type { DecisionView } from '../../core/api/views';
import { useStationEvent } from '../shared/use-station-event';

export interface DecisionArrived {
  applicationId: string;
  decision: DecisionView;
}

/** Calls `listener` for every `{type: 'decision.arrived'}` push event while the component is mounted. */
export function useDecisionArrived(listener: (a: DecisionArrived) => void): void {
  useStationEvent('decision.arrived', (e) => listener({ applicationId: e.applicationId, decision: e.decision }));
}
