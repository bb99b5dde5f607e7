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
 * The paper's confirmation is the township's. A county terminal sees its townships' work (worklist, batches,
 * statistics, the ledger, receipt checks) and decides only at the county's own step (县级审批).
 */
export function requireTownshipTerminal(db: StoreDb, what: string): void {
  if (getSetting(db, SETTINGS.terminalRole) === 'county') {
    throw new DaibanError('FORBIDDEN', `县级终端用于县级审批和查看各乡镇的办理情况，${what}由乡镇审核终端办理。`);
  }
}

/** The review level this terminal decides at (core/review-levels.ts). */
export function deciderStep(db: StoreDb): 'township' | 'county' {
  return getSetting(db, SETTINGS.terminalRole) === 'county' ? 'county' : 'township';
}
