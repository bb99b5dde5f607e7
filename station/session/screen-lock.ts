import type { StationParsedInput } from '../../core/api/schemas';
import type { SessionView } from '../../core/api/views';
import { DaibanError } from '../../core/errors';
import { setSetting } from '../../db';
import { verifyPassword } from '../../base/node/passwords';
import type { StationContext } from '../context';
import { requireUser } from '../runtime/guard';
import { recordChange } from '../runtime/record-change';
import { SETTINGS } from '../runtime/settings-keys';
import { sessionView } from './views';

/** Wrong passwords at the lock before the user is signed out (their half-typed work is autosaved). */
export const UNLOCK_ATTEMPTS = 5;

const isoNow = (ctx: StationContext) => ctx.clock.now().toISOString();
const audit = (ctx: StationContext, actorId: string, action: string, detail: Record<string, unknown> = {}) =>
  ctx.db.transaction(() => recordChange(ctx, { at: isoNow(ctx), actorId, audit: { action, entityType: 'user', entityId: actorId, detail } }))();

/**
 * The screen locks (idle, or the cadre's 锁定屏幕): the renderer keeps its screens and half-typed fields under
 * the lock, and the station refuses every call but unlock, so nothing on a PC left alone can be read or done.
 */
export function lock(ctx: StationContext): null {
  const user = requireUser(ctx, undefined, { passwordChangeOwed: true });
  ctx.session.locked = true;
  ctx.session.unlockFailures = 0;
  audit(ctx, user.id, 'screen_locked');
  return null;
}

/** Only the logged-in user's own password opens it; after five wrong ones the user is signed out. */
export async function unlock(ctx: StationContext, input: StationParsedInput<'session.unlock'>): Promise<null> {
  const user = ctx.session.user;
  if (!user) throw new DaibanError('AUTH_REQUIRED', '请先登录。');
  if (!ctx.session.locked) return null;
  if (await verifyPassword(input.password, user.passwordHash)) {
    ctx.session.locked = false;
    ctx.session.unlockFailures = 0;
    audit(ctx, user.id, 'screen_unlocked');
    return null;
  }
  const failures = (ctx.session.unlockFailures ?? 0) + 1;
  ctx.session.unlockFailures = failures;
  if (failures >= UNLOCK_ATTEMPTS) {
    audit(ctx, user.id, 'screen_unlock_signed_out', { failures });
    ctx.session.user = null;
    ctx.session.locked = false;
    throw new DaibanError('AUTH_REQUIRED', `密码连续${UNLOCK_ATTEMPTS}次不正确，已退出登录。正在填写的申请已自动保存，请重新登录。`);
  }
  audit(ctx, user.id, 'screen_unlock_failed', { failures });
  throw new DaibanError('AUTH_FAILED', `密码不正确，还可以再试${UNLOCK_ATTEMPTS - failures}次。`);
}

/** The terminal's admin sets how long an unattended screen stays open (1 to 60 minutes). */
export function setIdleLock(ctx: StationContext, input: StationParsedInput<'session.setIdleLock'>): SessionView {
  const user = requireUser(ctx, ['admin']);
  ctx.db.transaction(() => {
    setSetting(ctx.db, SETTINGS.idleLockMinutes, String(input.minutes));
    recordChange(ctx, {
      at: isoNow(ctx),
      actorId: user.id,
      audit: { action: 'idle_lock_set', entityType: 'station', entityId: null, detail: { minutes: input.minutes } },
    });
  })();
  return sessionView(ctx);
}
