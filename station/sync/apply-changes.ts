import type { Logger } from 'pino';
import type { DecisionView } from '../../core/api/views';
import {
  accountUpsertSchema,
  applicationDecidedSchema,
  applicationReceivedSchema,
  catalogPublishedSchema,
  isChangeKind,
} from '../../core/sync/changes';
import { handoverConfirmedSchema, handoverListedSchema } from '../../core/sync/messages';
import type { Change } from '../../core/sync/protocol';
import { appendAudit, hasPendingPasswordChange, insertCatalogVersion, listCatalogVersions, setSetting, upsertSyncedUser, type StoreDb } from '../../db';
import { SETTINGS } from '../settings-keys';
import { isTownshipTerminal } from '../terminal-role';
import { applyDecidedOnTownship, applyHandoverConfirmed, applyHandoverListed, applyReceived } from './apply-township';
import { applyDecidedOnVillage } from './apply-village';

export interface PageEffects {
  applied: number;
  skipped: number;
  /** A catalog version arrived: the in-memory cache must reload after the transaction. */
  catalogChanged: boolean;
  /** Usernames whose account changed (the logged-in cadre's row may need refreshing). */
  accounts: string[];
  /** Decisions that reached this village's applications: announced (decision.arrived) after the commit. */
  decisions: { applicationId: string; decision: DecisionView }[];
}

interface PageScope {
  at: string;
  township: boolean;
  effects: PageEffects;
  log: Logger;
}

/** One change inside the page's transaction; returns false when it was skipped. */
function applyOne(db: StoreDb, change: Change, { at, township, effects, log }: PageScope): boolean {
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
    case 'application.received': {
      // For townships only: a village keeps its own applications, never a replica.
      if (!township) return false;
      const parsed = applicationReceivedSchema.safeParse(change.body);
      if (!parsed.success) return malformed(parsed.error.issues);
      return applyReceived(db, parsed.data, at);
    }
    case 'application.decided': {
      const parsed = applicationDecidedSchema.safeParse(change.body);
      if (!parsed.success) return malformed(parsed.error.issues);
      if (township) return applyDecidedOnTownship(db, parsed.data, at);
      const arrived = applyDecidedOnVillage(db, parsed.data, at);
      if (arrived) effects.decisions.push(arrived);
      return arrived !== null;
    }
    case 'handover.listed': {
      const parsed = handoverListedSchema.safeParse(change.body);
      if (!parsed.success) return malformed(parsed.error.issues);
      return applyHandoverListed(db, parsed.data);
    }
    case 'handover.confirmed': {
      const parsed = handoverConfirmedSchema.safeParse(change.body);
      if (!parsed.success) return malformed(parsed.error.issues);
      return applyHandoverConfirmed(db, parsed.data);
    }
  }
}

/**
 * Applies one page of the change feed and stores its cursor in the same transaction: a crash either keeps
 * the whole page with its cursor or neither, so every change is applied exactly once.
 */
export function applyChangesPage(db: StoreDb, changes: readonly Change[], cursor: string, at: string, log: Logger): PageEffects {
  const effects: PageEffects = { applied: 0, skipped: 0, catalogChanged: false, accounts: [], decisions: [] };
  db.transaction(() => {
    const scope: PageScope = { at, township: isTownshipTerminal(db), effects, log };
    for (const change of changes) {
      if (applyOne(db, change, scope)) effects.applied++;
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
        detail: { applied: effects.applied, skipped: effects.skipped, catalog: effects.catalogChanged, accounts: effects.accounts.length, decisions: effects.decisions.length },
      });
    }
  })();
  return effects;
}
