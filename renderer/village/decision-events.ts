import { useEffect, useRef } from 'react';
import type { DecisionView } from '../../core/api/views';
import { onEvent } from '../api/client';

export interface DecisionArrived {
  applicationId: string;
  decision: DecisionView;
}

/** Calls `listener` for every `{type: 'decision.arrived'}` push event while the component is mounted. */
export function useDecisionArrived(listener: (a: DecisionArrived) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(
    () =>
      onEvent((e) => {
        if (e.type === 'decision.arrived') latest.current({ applicationId: e.applicationId, decision: e.decision });
      }),
    [],
  );
}
