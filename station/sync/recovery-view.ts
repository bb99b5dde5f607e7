import type { RecoveryView } from '../../core/api/views';
import { OPEN_STATUSES } from '../../core/lifecycle';
import { otherTerminalSchema } from '../../core/sync/protocol';
import { countByStatus, countResidents, getSetting, type StoreDb } from '../../db';
import { SETTINGS } from '../runtime/settings-keys';

/**
 * What this PC holds of its village, and the village's other terminals as the platform described them when
 * this one enrolled (station/sync/enroll.ts). Counts only: it is shown right after enrollment, before anyone
 * has an account here to log in with.
 */
export function recoveryView(db: StoreDb): RecoveryView {
  const counts = countByStatus(db);
  const all = Object.entries(counts).filter(([s]) => s !== 'draft');
  let others: RecoveryView['otherTerminals'] = [];
  try {
    const parsed = otherTerminalSchema.array().safeParse(JSON.parse(getSetting(db, SETTINGS.otherTerminals) ?? '[]'));
    if (parsed.success) others = parsed.data;
  } catch {
    // An unreadable note about other PCs says nothing; the counts still stand.
  }
  return {
    residents: countResidents(db),
    applications: all.reduce((n, [, c]) => n + (c ?? 0), 0),
    openApplications: OPEN_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0),
    otherTerminals: others,
  };
}
