import type { SyncStatusView } from '../../core/api/views';
import { DaibanError } from '../../core/errors';
import { countUsers } from '../../db';
import type { Handlers } from '../runtime/handler-type';
import type { SyncAgent } from './agent';
import { ENROLL_MESSAGES } from './enroll';
import { requireUser } from '../runtime/guard';
import { recoveryView } from './recovery-view';

/** The StationApi face of the sync agent (station/sync/agent.ts). */
export function syncHandlers(agent: SyncAgent): Handlers<'sync.enroll' | 'sync.status' | 'sync.now' | 'sync.recovery'> {
  return {
    /**
     * Enrollment is the first thing a fresh terminal does, before it has any account, so it needs no login
     * then; once accounts exist (a locally provisioned terminal) only an admin may tie it to a platform.
     */
    'sync.enroll': async (ctx, input): Promise<SyncStatusView> => {
      if (agent.enrolled) throw new DaibanError('ALREADY_ENROLLED', ENROLL_MESSAGES.alreadyEnrolled);
      const actorId = countUsers(ctx.db) === 0 ? 'installer' : requireUser(ctx, ['admin']).id;
      return agent.enroll({ platformUrl: input.platformUrl, code: input.code }, actorId);
    },
    /** Open to everyone (the login screen shows it); the refused messages only to a logged-in user. */
    'sync.status': () => agent.status(),
    /** Open like the status: right after enrollment nobody has an account on this PC yet. */
    'sync.recovery': (ctx) => recoveryView(ctx.db),
    /** Resolves after the run; a failed run is reported in `lastError`, not thrown. */
    'sync.now': async (ctx) => {
      requireUser(ctx);
      return agent.syncNow();
    },
  };
}
