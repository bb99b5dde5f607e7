import type { StationParsedInput } from '../../core/api/schemas';
import type { SessionView } from '../../core/api/views';
import { setSetting } from '../../db';
import type { StationContext } from '../context';
import { isoNow } from '../runtime/clock';
import { requireUser } from '../runtime/guard';
import { recordChange } from '../runtime/record-change';
import { SETTINGS } from '../runtime/settings-keys';
import { sessionView } from './views';

/** 字号与对比度 for this terminal (any logged-in user: older cadres set it for themselves and the residents). */
export function setDisplay(ctx: StationContext, input: StationParsedInput<'session.setDisplay'>): SessionView {
  const user = requireUser(ctx);
  ctx.db.transaction(() => {
    setSetting(ctx.db, SETTINGS.fontSize, input.fontSize);
    setSetting(ctx.db, SETTINGS.highContrast, input.highContrast ? '1' : '0');
    recordChange(ctx, { at: isoNow(ctx.clock), actorId: user.id, audit: { action: 'display_set', entityType: 'station', entityId: null, detail: input } });
  })();
  return sessionView(ctx);
}
