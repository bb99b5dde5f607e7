import { DaibanError } from '../../core/errors';
import { getSetting, type StoreDb } from '../../db';
import { SETTINGS } from './settings-keys';

/**
 * A township or county terminal keeps the replica of the applications of the villages below it (a review
 * terminal); everything else (a village, or a terminal provisioned locally and never enrolled) keeps its own
 * applications. The two never mix.
 */
export function isReviewTerminal(db: StoreDb): boolean {
  const role = getSetting(db, SETTINGS.terminalRole);
  return role === 'township' || role === 'county';
}

/**
 * Decisions and the paper's confirmation are the township's. A county terminal sees its townships' work
 * (worklist, batches, statistics, the ledger, receipt checks) and decides nothing until the county's own
 * review steps exist (issue #15, multi-level review).
 */
export function requireTownshipTerminal(db: StoreDb, what: string): void {
  if (getSetting(db, SETTINGS.terminalRole) === 'county') {
    throw new DaibanError('FORBIDDEN', `县级终端用于查看和统计各乡镇的办理情况，${what}由乡镇审核终端办理。`);
  }
}
