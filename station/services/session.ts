import type { StationParsedInput } from '../../core/api/schemas';
import type { SessionView, UserView } from '../../core/api/views';
import { shanghaiDateTime } from '../../core/calendar';
import { DaibanError } from '../../core/errors';
import { findUserByUsername, recordLoginFailure, recordLoginSuccess, updatePasswordHash, type UserRow } from '../../db';
import { recordChange } from '../change';
import { isoNow } from '../clock';
import type { StationContext } from '../context';
import { beginItSession, endItSession } from '../it/admin-session';
import { hashPassword, verifyPassword } from '../passwords';
import { requireUser } from './guard';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export const toUserView = (u: UserRow): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
});

/**
 * Offline login against the accounts held in the store. Five wrong passwords lock the account for
 * fifteen minutes; the failure count survives a restart because it lives in the store.
 */
export async function login(ctx: StationContext, input: StationParsedInput<'session.login'>): Promise<UserView> {
  const user = findUserByUsername(ctx.db, input.username);
  const now = ctx.clock.now();
  const at = now.toISOString();
  if (!user) {
    ctx.db.transaction(() =>
      recordChange(ctx.db, { at, actorId: 'anonymous', audit: { action: 'login_failed', entityType: 'user', entityId: null, detail: { username: input.username } } }),
    )();
    throw new DaibanError('AUTH_FAILED', '账号或密码不正确。');
  }
  if (user.disabled) throw new DaibanError('ACCOUNT_DISABLED', '该账号已停用，请联系县级运维人员。');
  if (user.lockedUntil && user.lockedUntil > at) {
    throw new DaibanError('ACCOUNT_LOCKED', `密码错误次数过多，账号已锁定，请于${shanghaiDateTime(user.lockedUntil).slice(11)}后再试。`, {
      lockedUntil: user.lockedUntil,
    });
  }
  const ok = await verifyPassword(input.password, user.passwordHash);
  if (!ok) {
    // Locking resets the stored count to 0, so a lock that has run out starts a fresh count.
    const failed = user.failedAttempts + 1;
    const lockedUntil = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
    ctx.db.transaction(() => {
      recordLoginFailure(ctx.db, user.id, lockedUntil ? 0 : failed, lockedUntil, at);
      recordChange(ctx.db, { at, actorId: user.id, audit: { action: lockedUntil ? 'account_locked' : 'login_failed', entityType: 'user', entityId: user.id } });
    })();
    if (lockedUntil) {
      throw new DaibanError('ACCOUNT_LOCKED', `密码连续错误${MAX_FAILED_LOGINS}次，账号已锁定${LOCK_MINUTES}分钟。`, { lockedUntil });
    }
    throw new DaibanError('AUTH_FAILED', `账号或密码不正确，还可以再试${MAX_FAILED_LOGINS - failed}次。`, {
      remainingAttempts: MAX_FAILED_LOGINS - failed,
    });
  }
  ctx.db.transaction(() => {
    recordLoginSuccess(ctx.db, user.id, at);
    recordChange(ctx.db, { at, actorId: user.id, audit: { action: 'login', entityType: 'user', entityId: user.id } });
  })();
  ctx.session.user = { ...user, failedAttempts: 0, lockedUntil: null };
  // IT staff also need the platform (their screens are online): its session opens in the background, so
  // an offline login still succeeds and the console says what is wrong.
  beginItSession(ctx, ctx.session.user, input.password);
  return toUserView(user);
}

export function logout(ctx: StationContext): null {
  const user = ctx.session.user;
  if (user) {
    ctx.db.transaction(() =>
      recordChange(ctx.db, { at: isoNow(ctx.clock), actorId: user.id, audit: { action: 'logout', entityType: 'user', entityId: user.id } }),
    )();
  }
  endItSession(ctx);
  ctx.session.user = null;
  return null;
}

export function current(ctx: StationContext): SessionView {
  return { user: ctx.session.user ? toUserView(ctx.session.user) : null, servicePoint: ctx.servicePoint() };
}

/** The new hash goes up to the platform, so the cadre's other terminals learn it through the change feed. */
export async function changePassword(ctx: StationContext, input: StationParsedInput<'session.changePassword'>): Promise<null> {
  const user = requireUser(ctx);
  if (!(await verifyPassword(input.oldPassword, user.passwordHash))) {
    throw new DaibanError('AUTH_FAILED', '原密码不正确。');
  }
  if (input.oldPassword === input.newPassword) throw new DaibanError('INVALID_INPUT', '新密码不能与原密码相同。');
  const hash = await hashPassword(input.newPassword);
  const at = isoNow(ctx.clock);
  ctx.db.transaction(() => {
    updatePasswordHash(ctx.db, user.id, hash, at);
    recordChange(ctx.db, {
      at,
      actorId: user.id,
      outbox: { kind: 'account.password_changed', body: { userId: user.id, username: user.username, passwordHash: hash, changedAt: at } },
      audit: { action: 'password_changed', entityType: 'user', entityId: user.id },
    });
  })();
  ctx.session.user = { ...user, passwordHash: hash };
  return null;
}
