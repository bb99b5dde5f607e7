import type { UpdateOutputs } from '../../core/api/update-methods';
import type { Handlers } from '../runtime/handler-type';
import type { UpdateController } from './controller';
import { requireUser } from '../runtime/guard';

/**
 * App updates (station/updates/controller.ts holds the policy). The status is open to everyone (versions
 * only, no personal data); a check or a restart needs a logged-in user, whatever the role.
 */
export function updateHandlers(updates: UpdateController): Handlers<keyof UpdateOutputs> {
  return {
    'updates.status': () => updates.status(),
    'updates.check': (ctx) => {
      requireUser(ctx);
      return updates.check();
    },
    'updates.install': (ctx) => {
      requireUser(ctx);
      return updates.install();
    },
  };
}
