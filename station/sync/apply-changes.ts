import type { Logger } from 'pino';
import { accountUpsertSchema, catalogPublishedSchema, isChangeKind } from '../../core/sync/changes';
import type { Change } from '../../core/sync/protocol';
import { appendAudit, hasPendingPasswordChange, insertCatalogVersion, listCatalogVersions, setSetting, upsertSyncedUser, type StoreDb } from '../../db';
import { SETTINGS } from '../settings-keys';

export interface PageEffects {
  applied: number;
  skipped: number;
  /** A catalog version arrived: the in-memory cache must reload after the transaction. */
  catalogChanged: boolean;
  /** Usernames whose account changed (the logged-in cadre's row may need refreshing). */
  accounts: string[];
}

/** One change inside the page's transaction; returns false when it was skipped. */
function applyOne(db: StoreDb, change: Change, at: string, effects: PageEffects, log: Logger): boolean {
  // A newer platform's kind: skip it; the cursor still moves on.
  if (!isChangeKind(change.kind)) return false;
  const malformed = (issues: unknown[]) => {
    log.warn({ cursor: change.cursor, kind: change.kind, issues: issues.slice(0, 3) }, 'sync: malformed change skipped');
    return false;
  };
  switch (change.kind) {
    case 'account.upsert': {
      const parsed = accountUpsertSchema.safeParse(change.body);
      if (!parsed.success) return malformed(parsed.error.issues);
      const a = parsed.data;
      upsertSyncedUser(db, a, { keepPassword: hasPendingPasswordChange(db, a.username), at });
      effects.accounts.push(a.username);
      return true;
    }
    case 'catalog.published': {
      const parsed = catalogPublishedSchema.safeParse(change.body);
      if (!parsed.success) return malformed(parsed.error.issues);
      const { catalog } = parsed.data;
      if (!listCatalogVersions(db).includes(catalog.version)) {
        insertCatalogVersion(db, catalog, at);
        effects.catalogChanged = true;
      }
      return true;
    }
  }
}

/**
 * Applies one page of the change feed and stores its cursor in the same transaction: a crash either keeps
 * the whole page with its cursor or neither, so every change is applied exactly once.
 */
export function applyChangesPage(db: StoreDb, changes: readonly Change[], cursor: string, at: string, log: Logger): PageEffects {
  const effects: PageEffects = { applied: 0, skipped: 0, catalogChanged: false, accounts: [] };
  db.transaction(() => {
    for (const change of changes) {
      if (applyOne(db, change, at, effects, log)) effects.applied++;
      else effects.skipped++;
    }
    setSetting(db, SETTINGS.changesCursor, cursor);
    if (changes.length > 0) {
      appendAudit(db, {
        at,
        actorId: 'system',
        action: 'changes_applied',
        entityType: 'change_feed',
        entityId: cursor,
        detail: { applied: effects.applied, skipped: effects.skipped, catalog: effects.catalogChanged, accounts: effects.accounts.length },
      });
    }
  })();
  return effects;
}
