import type { StationParsedInput } from '../../core/api/schemas';
import type { SyncStatusView } from '../../core/api/views';
import { DaibanError } from '../../core/errors';
import { countUsers } from '../../db';
import type { StationContext } from '../context';
import { ENROLL_MESSAGES } from '../sync/enroll';
import { requireUser } from './guard';

/**
 * Enrollment is the first thing a fresh terminal does, before it has any account, so it needs no login
 * then; once accounts exist (a locally provisioned terminal) only an admin may tie it to a platform.
 */
export async function enroll(ctx: StationContext, input: StationParsedInput<'sync.enroll'>): Promise<SyncStatusView> {
  if (ctx.sync.enrolled) throw new DaibanError('ALREADY_ENROLLED', ENROLL_MESSAGES.alreadyEnrolled);
  const actorId = countUsers(ctx.db) === 0 ? 'installer' : requireUser(ctx, ['admin']).id;
  return ctx.sync.enroll({ platformUrl: input.platformUrl, code: input.code }, actorId);
}

/** Open to everyone (the login screen shows it); the refused messages only to a logged-in user. */
export function status(ctx: StationContext): SyncStatusView {
  return ctx.sync.status();
}

/** Resolves after the run; a failed run is reported in `lastError`, not thrown. */
export async function now(ctx: StationContext): Promise<SyncStatusView> {
  requireUser(ctx);
  return ctx.sync.syncNow();
}
