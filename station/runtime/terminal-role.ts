import { getSetting, type StoreDb } from '../../db';
import { SETTINGS } from './settings-keys';

/**
 * A township terminal keeps the replica of its villages' applications; everything else (a village, or a
 * terminal provisioned locally and never enrolled) keeps its own applications. The two never mix.
 */
export function isTownshipTerminal(db: StoreDb): boolean {
  return getSetting(db, SETTINGS.terminalRole) === 'township';
}
