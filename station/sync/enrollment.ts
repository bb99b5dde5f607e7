import { terminalRoleSchema, type TerminalRole } from '../../core/sync/protocol';
import { getSetting, type StoreDb } from '../../db';
import { SETTINGS } from '../runtime/settings-keys';
import { TerminalSigner } from './signer';

/** What enrollment stored: who this terminal is to the platform. */
export interface Enrollment {
  platformUrl: string;
  terminalId: string;
  role: TerminalRole;
  signer: TerminalSigner;
}

/** The stored enrollment, or null on a terminal that was never enrolled (a demo, a test, a fresh install). */
export function loadEnrollment(db: StoreDb): Enrollment | null {
  const platformUrl = getSetting(db, SETTINGS.platformUrl);
  const terminalId = getSetting(db, SETTINGS.terminalId);
  const privateKey = getSetting(db, SETTINGS.privateKey);
  const role = terminalRoleSchema.safeParse(getSetting(db, SETTINGS.terminalRole));
  if (!platformUrl || !terminalId || !privateKey || !role.success) return null;
  return { platformUrl, terminalId, role: role.data, signer: TerminalSigner.fromStored(privateKey) };
}

export const isEnrolled = (db: StoreDb): boolean => getSetting(db, SETTINGS.terminalId) !== null;
