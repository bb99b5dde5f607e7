import { CHANGE_KINDS } from '../../core/sync/changes';
import type { IngestScope, Valid } from './scope';

/**
 * A village's residents and households (resident.saved, household.saved): the platform keeps no table of its
 * own for them. Each goes into the feed for the village's other terminals (exact: not the township, which
 * sees an applicant inside the application) and is read again from there by a PC enrolled later, so the feed
 * is the village's register on the platform (docs/village-terminals.md). The sender's village was checked
 * with the body (validate-message.ts).
 */
export function storeResidentSaved(scope: IngestScope, m: Valid<'resident.saved'> | Valid<'household.saved'>): void {
  const kind = m.kind === 'household.saved' ? 'household.saved' : 'resident.saved';
  const body = CHANGE_KINDS[kind].parse(m.body);
  scope.accept(m, m.body.divisionCode, [{ kind, divisionCode: m.body.divisionCode, fanUp: false, exact: true, body, origin: scope.terminal.id }]);
}
