import { useEffect, useRef } from 'react';
import type { DecisionView } from '../../core/api/views';
import { onEvent, type StationEvent } from '../api/client';

export interface DecisionArrived {
  applicationId: string;
  decision: DecisionView | null;
}

function asArrival(e: StationEvent): DecisionArrived | null {
  if (e.type !== 'decision.arrived' || typeof e.applicationId !== 'string') return null;
  const d = e.decision as Partial<DecisionView> | undefined;
  return { applicationId: e.applicationId, decision: d && typeof d === 'object' && typeof d.decision === 'string' ? (d as DecisionView) : null };
}

/** Calls `listener` for every `{type: 'decision.arrived'}` push event while the component is mounted. */
export function useDecisionArrived(listener: (a: DecisionArrived) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(
    () =>
      onEvent((e) => {
        const a = asArrival(e);
        if (a) latest.current(a);
      }),
    [],
  );
}
