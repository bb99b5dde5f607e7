import { changesResponseSchema } from '../../core/sync/protocol';
import { getSetting } from '../../db';
import { SETTINGS } from '../runtime/settings-keys';
import { applyChangesPage, applyDeferredChanges, type PageEffects } from './apply-changes';
import { SyncError, SYNC_MESSAGES } from './errors';
import { nowIso, type SyncRun } from './run';

export interface PullResult {
  applied: number;
  pages: number;
  catalogChanged: boolean;
  accounts: string[];
}

/**
 * Reads the change feed page by page from the stored cursor until the platform says there is no more.
 * `afterPage` runs outside the transaction (cache reloads), after each page has been committed.
 */
export async function pullChanges(run: SyncRun, afterPage: (effects: PageEffects) => void): Promise<PullResult> {
  const result: PullResult = { applied: 0, pages: 0, catalogChanged: false, accounts: [] };
  // What an earlier version kept because it could not apply it: this one may.
  const earlier = applyDeferredChanges(run.db, nowIso(run), run.log);
  if (earlier.applied > 0) afterPage(earlier);
  let cursor = getSetting(run.db, SETTINGS.changesCursor);
  for (;;) {
    if (run.signal.aborted) throw new SyncError('aborted', SYNC_MESSAGES.aborted);
    const path = cursor === null ? '/v1/changes' : `/v1/changes?after=${encodeURIComponent(cursor)}`;
    const page = await run.client.json({ method: 'GET', path }, changesResponseSchema);
    const effects = applyChangesPage(run.db, page.changes, page.cursor, nowIso(run), run.log);
    afterPage(effects);
    result.pages++;
    result.applied += effects.applied;
    result.catalogChanged ||= effects.catalogChanged;
    result.accounts.push(...effects.accounts);
    run.progress(result.applied, result.applied + (page.more ? page.changes.length : 0));
    if (!page.more) return result;
    // "More" without moving forward would ask for the same page forever. A page may be empty and still move
    // on: the platform steps over what this terminal caused itself (docs/village-terminals.md).
    if (page.cursor === cursor) {
      throw new SyncError('protocol', SYNC_MESSAGES.protocol, { details: { cursor } });
    }
    cursor = page.cursor;
  }
}
