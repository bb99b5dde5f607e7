import type { UpdateOutputs } from '../../core/api/update-methods';
import type { Handlers } from '../handler-type';
import { requireUser } from './guard';

/**
 * App updates (station/updates/controller.ts holds the policy). The status is open to everyone (versions
 * only, no personal data); a check or a restart needs a logged-in user, whatever the role.
 */
export const updateHandlers: Handlers<keyof UpdateOutputs> = {
  'updates.status': (ctx) => ctx.updates.status(),
  'updates.check': (ctx) => {
    requireUser(ctx);
    return ctx.updates.check();
  },
  'updates.install': (ctx) => {
    requireUser(ctx);
    return ctx.updates.install();
  },
};
