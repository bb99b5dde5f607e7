import type { StationParsedInput } from '../../core/api/schemas';
import type { SessionView, UserView } from '../../core/api/views';
import { shanghaiDateTime } from '../../core/calendar';
import { DaibanError } from '../../core/errors';
import { findUserByUsername, recordLoginFailure, recordLoginSuccess, updatePasswordHash } from '../../db';
import { recordChange } from '../runtime/record-change';
import { isoNow } from '../runtime/clock';
import type { StationContext } from '../context';
import { endItSession, itLogin } from '../it/admin-session';
import { hashPassword, verifyPassword } from '../../base/node/passwords';
import { requireUser } from '../runtime/guard';
import { sessionView, toUserView } from './views';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** Failure counts of names that are no account here: kept like an account's, so both answer alike. */
const strangers = new WeakMap<StationContext, Map<string, { failedAttempts: number; lockedUntil: string | null }>>();

function strangerOf(ctx: StationContext, username: string) {
  let map = strangers.get(ctx);
  if (!map) strangers.set(ctx, (map = new Map()));
  const key = username.toLowerCase();
  let s = map.get(key);
  if (!s) {
    if (map.size >= 1000) map.delete(map.keys().next().value!);
    map.set(key, (s = { failedAttempts: 0, lockedUntil: null }));
  }
  return s;
}

const wrongPasswordMessage = (remaining: number) => `账号或密码不正确，还可以再试${remaining}次。`;
const lockedMessage = (until: string) => `密码错误次数过多，账号已锁定，请于${shanghaiDateTime(until).slice(11)}后再试。`;

/**
 * Offline login against the accounts held in the store. Five wrong passwords lock the account for
 * fifteen minutes; the failure count survives a restart because it lives in the store. A name that is no
 * account here gets the same answers in the same time (a decoy scrypt, an in-memory count), and a disabled
 * account says so only to the right password: the login screen tells nobody which accounts exist.
 * IT staff (`itStaff`) log in online against the platform instead: no IT credential lives on a terminal.
 */
export async function login(ctx: StationContext, input: StationParsedInput<'session.login'>): Promise<UserView> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  if (input.itStaff) return itStaffLogin(ctx, input.username, input.password, at);
  // An IT row left by an older version holds no usable hash: it counts as no account.
  const found = findUserByUsername(ctx.db, input.username);
  const user = found && found.role !== 'it' ? found : null;
  const counts = user ?? strangerOf(ctx, input.username);
  if (counts.lockedUntil && counts.lockedUntil > at) {
    throw new DaibanError('ACCOUNT_LOCKED', lockedMessage(counts.lockedUntil), { lockedUntil: counts.lockedUntil });
  }
  // No account: a throwaway hash is checked instead, so the refusal costs the same scrypt.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!ok || !user) {
    // Locking resets the count to 0, so a lock that has run out starts a fresh count.
    const failed = counts.failedAttempts + 1;
    const lockedUntil = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
    ctx.db.transaction(() => {
      if (user) recordLoginFailure(ctx.db, user.id, lockedUntil ? 0 : failed, lockedUntil, at);
      else Object.assign(counts, { failedAttempts: lockedUntil ? 0 : failed, lockedUntil });
      const action = lockedUntil ? 'account_locked' : 'login_failed';
      recordChange(ctx, {
        at,
        actorId: user?.id ?? 'anonymous',
        audit: { action, entityType: 'user', entityId: user?.id ?? null, detail: user ? {} : { username: input.username } },
      });
    })();
    if (lockedUntil) {
      throw new DaibanError('ACCOUNT_LOCKED', `密码连续错误${MAX_FAILED_LOGINS}次，账号已锁定${LOCK_MINUTES}分钟。`, { lockedUntil });
    }
    throw new DaibanError('AUTH_FAILED', wrongPasswordMessage(MAX_FAILED_LOGINS - failed), { remainingAttempts: MAX_FAILED_LOGINS - failed });
  }
  if (user.disabled) throw new DaibanError('ACCOUNT_DISABLED', '该账号已停用，请联系县级运维人员。');
  ctx.db.transaction(() => {
    recordLoginSuccess(ctx.db, user.id, at);
    recordChange(ctx, { at, actorId: user.id, audit: { action: 'login', entityType: 'user', entityId: user.id } });
  })();
  endItSession(ctx);
  ctx.session.user = { ...user, failedAttempts: 0, lockedUntil: null };
  ctx.session.locked = false;
  return toUserView(user);
}

/** IT staff: the platform checks the password (station/it/admin-session.ts); the session lives in memory. */
async function itStaffLogin(ctx: StationContext, username: string, password: string, at: string): Promise<UserView> {
  endItSession(ctx);
  ctx.session.user = null;
  try {
    const user = await itLogin(ctx, username, password, at);
    ctx.db.transaction(() =>
      recordChange(ctx, { at, actorId: user.id, audit: { action: 'login', entityType: 'user', entityId: user.id, detail: { online: true } } }),
    )();
    ctx.session.user = user;
    ctx.session.locked = false;
    return toUserView(user);
  } catch (e) {
    ctx.db.transaction(() =>
      recordChange(ctx, {
        at,
        actorId: 'anonymous',
        audit: { action: 'login_failed', entityType: 'user', entityId: null, detail: { username, online: true } },
      }),
    )();
    throw e;
  }
}

export function logout(ctx: StationContext): null {
  const user = ctx.session.user;
  if (user) {
    ctx.db.transaction(() =>
      recordChange(ctx, { at: isoNow(ctx.clock), actorId: user.id, audit: { action: 'logout', entityType: 'user', entityId: user.id } }),
    )();
  }
  endItSession(ctx);
  ctx.session.user = null;
  ctx.session.locked = false;
  return null;
}

export function current(ctx: StationContext): SessionView {
  return sessionView(ctx);
}

/** The new hash goes up to the platform, so the cadre's other terminals learn it through the change feed. */
export async function changePassword(ctx: StationContext, input: StationParsedInput<'session.changePassword'>): Promise<null> {
  const user = requireUser(ctx, undefined, { passwordChangeOwed: true });
  if (user.role === 'it') throw new DaibanError('FORBIDDEN', '运维人员的密码由省级平台管理，请联系上级运维人员重置。');
  if (!(await verifyPassword(input.oldPassword, user.passwordHash))) {
    throw new DaibanError('AUTH_FAILED', '原密码不正确。');
  }
  if (input.oldPassword === input.newPassword) throw new DaibanError('INVALID_INPUT', '新密码不能与原密码相同。');
  const hash = await hashPassword(input.newPassword);
  const at = isoNow(ctx.clock);
  ctx.db.transaction(() => {
    updatePasswordHash(ctx.db, user.id, hash, at);
    recordChange(ctx, {
      at,
      actorId: user.id,
      outbox: { kind: 'account.password_changed', body: { userId: user.id, username: user.username, passwordHash: hash, changedAt: at } },
      audit: { action: 'password_changed', entityType: 'user', entityId: user.id },
    });
  })();
  ctx.session.user = { ...user, passwordHash: hash, mustChangePassword: false };
  return null;
}
