import type { Logger } from 'pino';
import type { DecisionView } from '../../core/api/views';
import type { ApplicationStatus } from '../../core/lifecycle';
import type { z } from 'zod';
import { CHANGE_KINDS, isChangeKind, type ChangeKind } from '../../core/sync/changes';
import type { Change } from '../../core/sync/protocol';
import {
  appendAudit,
  dropDeferredChange,
  getSetting,
  hasPendingPasswordChange,
  insertCatalogVersion,
  insertTerminalKey,
  saveCalendarYear,
  upsertDivisions,
  keepDeferredChange,
  listCatalogVersions,
  listDeferredChanges,
  setSetting,
  upsertSyncedUser,
  type StoreDb,
} from '../../db';
import { SETTINGS } from '../runtime/settings-keys';
import { isReviewTerminal } from '../runtime/terminal-role';
import { applyDecidedOnTownship, applyHandoverConfirmed, applyHandoverListed, applyNoticeEndedOnTownship, applyReceived } from './apply-township';
import { applyDecidedOnVillage, applyNoticeEndedOnVillage } from './apply-village';
import { applyRatingFollowedUp, applyRatingReceived } from './apply-ratings';
import { KeepForLater } from './keep-for-later';
import { applyHouseholdSaved, applyReceivedOnVillage, applyResidentSaved } from './apply-village-peers';

export interface PageEffects {
  applied: number;
  skipped: number;
  /** Kept for later (a kind this version does not know, a body it cannot read): see deferred_changes. */
  kept: number;
  /** A catalog version arrived: the in-memory cache must reload after the transaction. */
  catalogChanged: boolean;
  /** A year of holidays arrived: the working-day calendar must be rebuilt after the transaction. */
  calendarChanged: boolean;
  /** Usernames whose account changed (the logged-in cadre's row may need refreshing). */
  accounts: string[];
  /** Township: applications of its villages that arrived or changed (announced as applications.arrived). */
  received: number;
  /** Decisions that reached this village's applications: announced (decision.arrived) after the commit. */
  decisions: { applicationId: string; decision: DecisionView }[];
  /** Village: applications moved on without a decision (a notice ran out), announced as application.moved. */
  moved: { applicationId: string; status: ApplicationStatus }[];
}

interface PageScope {
  at: string;
  township: boolean;
  effects: PageEffects;
  log: Logger;
}

type ChangeBody<K extends ChangeKind> = z.infer<(typeof CHANGE_KINDS)[K]>;

/** What each kind does to the store, given its body already read; false when it does not concern this terminal. */
const APPLY: { [K in ChangeKind]: (db: StoreDb, body: ChangeBody<K>, scope: PageScope) => boolean } = {
  'account.upsert': (db, a, { at, effects }) => {
    // IT staff log in online: their hashes never belong on a terminal, whatever a platform sends.
    if (a.role === 'it') return false;
    upsertSyncedUser(db, a, { keepPassword: hasPendingPasswordChange(db, a.username), at });
    effects.accounts.push(a.username);
    return true;
  },
  'catalog.published': (db, { catalog }, { at, effects }) => {
    if (!listCatalogVersions(db).includes(catalog.version)) {
      insertCatalogVersion(db, catalog, at);
      effects.catalogChanged = true;
    }
    return true;
  },
  'application.received': (db, received, { at, township, effects }) => {
    // A township's replica of its villages; on a village, what its other terminals took or did (never its own).
    const placed = township ? applyReceived(db, received, at) : applyReceivedOnVillage(db, received, at);
    if (placed) effects.received++;
    return placed;
  },
  'application.decided': (db, decided, { at, township, effects }) => {
    if (township) return applyDecidedOnTownship(db, decided, at);
    const arrived = applyDecidedOnVillage(db, decided, at);
    if (arrived) effects.decisions.push(arrived);
    return arrived !== null;
  },
  'notice.ended': (db, ended, { at, township, effects }) => {
    if (township) return applyNoticeEndedOnTownship(db, ended, at);
    const moved = applyNoticeEndedOnVillage(db, ended, at);
    if (moved) effects.moved.push(moved);
    return moved !== null;
  },
  'handover.listed': (db, listed) => applyHandoverListed(db, listed),
  'handover.confirmed': (db, confirmed) => applyHandoverConfirmed(db, confirmed),
  'terminal.enrolled': (db, terminal) => insertTerminalKey(db, terminal),
  'calendar.published': (db, { year }, { effects }) => {
    if (saveCalendarYear(db, year)) effects.calendarChanged = true;
    return true;
  },
  'divisions.published': (db, { divisions }) => {
    upsertDivisions(db, divisions);
    return true;
  },
  // The township's replica, and on a village the ratings its other terminals took.
  'rating.received': (db, rating) => applyRatingReceived(db, rating),
  'rating.followed_up': (db, step) => applyRatingFollowedUp(db, step),
  'resident.saved': (db, saved, { township }) => !township && applyResidentSaved(db, saved),
  'household.saved': (db, saved, { township }) => !township && applyHouseholdSaved(db, saved),
  'platform.keys': (db, keys) => {
    setSetting(db, SETTINGS.platformKeys, JSON.stringify(keys));
    return true;
  },
};

/**
 * One change inside the page's transaction: its body is read with its kind's schema (core/sync/changes.ts),
 * then applied. Returns false when it does not concern this terminal; throws KeepForLater when this version
 * cannot apply it yet (a kind it does not know, a body it cannot read).
 */
function applyOne<K extends ChangeKind>(db: StoreDb, change: Change & { kind: K }, scope: PageScope): boolean {
  const schema = CHANGE_KINDS[change.kind] as unknown as z.ZodType<ChangeBody<K>>;
  const parsed = schema.safeParse(change.body);
  if (!parsed.success) {
    scope.log.warn({ cursor: change.cursor, kind: change.kind, issues: parsed.error.issues.slice(0, 3) }, 'sync: change kept, its body cannot be read');
    throw new KeepForLater('malformed');
  }
  return APPLY[change.kind](db, parsed.data, scope);
}

/** Applies one change and counts it; what this version cannot apply comes back as the reason to keep it. */
function attempt(db: StoreDb, change: Change, scope: PageScope): KeepForLater | null {
  try {
    // A newer platform's kind: kept, and applied once an upgrade knows it.
    if (!isChangeKind(change.kind)) throw new KeepForLater('unknown_kind');
    if (applyOne(db, { ...change, kind: change.kind }, scope)) scope.effects.applied++;
    else scope.effects.skipped++;
    return null;
  } catch (e) {
    if (e instanceof KeepForLater) return e;
    throw e;
  }
}

/** Applies one change of a page, or keeps it in deferred_changes. */
function applyOrKeep(db: StoreDb, change: Change, scope: PageScope): void {
  const keep = attempt(db, change, scope);
  if (!keep) return;
  keepDeferredChange(
    db,
    {
      cursor: change.cursor,
      kind: change.kind,
      divisionCode: change.divisionCode,
      body: JSON.stringify(change.body ?? null),
      at: change.at,
      reason: keep.reason,
    },
    scope.at,
  );
  scope.effects.kept++;
}

const newEffects = (): PageEffects => ({
  applied: 0,
  skipped: 0,
  kept: 0,
  catalogChanged: false,
  calendarChanged: false,
  received: 0,
  accounts: [],
  decisions: [],
  moved: [],
});

const DECIMAL = /^\d{1,20}$/;

/** Whether cursor `a` lies beyond `b` (the platform's are decimal seqs; anything else is taken as newer). */
function beyond(a: string, b: string | null): boolean {
  return b === null || !DECIMAL.test(a) || !DECIMAL.test(b) || BigInt(a) > BigInt(b);
}

/**
 * Applies one page of the change feed and stores its cursor in the same transaction: a crash either keeps
 * the whole page with its cursor or neither, so every change is applied (or kept for later) exactly once.
 * Pages come by network and on sticks (docs/transfer-files.md), in any order: a change at or before the stored
 * cursor was applied already and is passed over, and the cursor never moves back.
 */
export function applyChangesPage(db: StoreDb, page: readonly Change[], cursor: string, at: string, log: Logger): PageEffects {
  const effects = newEffects();
  db.transaction(() => {
    const stored = getSetting(db, SETTINGS.changesCursor);
    const changes = page.filter((c) => beyond(c.cursor, stored));
    const scope: PageScope = { at, township: isReviewTerminal(db), effects, log };
    for (const change of changes) applyOrKeep(db, change, scope);
    if (beyond(cursor, stored)) setSetting(db, SETTINGS.changesCursor, cursor);
    if (changes.length > 0) {
      appendAudit(db, {
        at,
        actorId: 'system',
        action: 'changes_applied',
        entityType: 'change_feed',
        entityId: cursor,
        detail: {
          applied: effects.applied,
          skipped: effects.skipped,
          kept: effects.kept,
          catalog: effects.catalogChanged,
          accounts: effects.accounts.length,
          decisions: effects.decisions.length,
        },
      });
    }
  })();
  return effects;
}

/**
 * The kept changes of a kind this version knows, tried again oldest first (an upgrade may apply them now);
 * each one applied leaves the table, one still unreadable stays. Kinds still unknown are not even read, so
 * a run pays nothing for them. One transaction.
 */
export function applyDeferredChanges(db: StoreDb, at: string, log: Logger): PageEffects {
  const effects = newEffects();
  const kept = listDeferredChanges(db, Object.keys(CHANGE_KINDS), 1000);
  if (kept.length === 0) return effects;
  db.transaction(() => {
    const scope: PageScope = { at, township: isReviewTerminal(db), effects, log };
    for (const k of kept) {
      const change: Change = { cursor: k.cursor, kind: k.kind, divisionCode: k.divisionCode, body: JSON.parse(k.body) as unknown, at: k.at };
      if (!attempt(db, change, scope)) dropDeferredChange(db, k.cursor);
    }
    if (effects.applied + effects.skipped > 0) {
      appendAudit(db, {
        at,
        actorId: 'system',
        action: 'deferred_changes_applied',
        entityType: 'change_feed',
        entityId: null,
        detail: { applied: effects.applied, skipped: effects.skipped },
      });
    }
  })();
  return effects;
}
