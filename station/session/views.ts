import type { DisplaySettings, SessionView, UserView } from '../../core/api/views';
import { getSetting, type UserRow } from '../../db';
import type { StationContext } from '../context';
import { SETTINGS } from '../runtime/settings-keys';

export const DEFAULT_IDLE_LOCK_MINUTES = 5;

export const toUserView = (u: UserRow): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  mustChangePassword: u.mustChangePassword,
});

/** Minutes of no input before the screen locks: the admin's setting, else five. */
export function idleLockMinutes(ctx: StationContext): number {
  const n = Number(getSetting(ctx.db, SETTINGS.idleLockMinutes));
  return Number.isInteger(n) && n >= 1 && n <= 60 ? n : DEFAULT_IDLE_LOCK_MINUTES;
}

/** Who is logged in, where, and the screen lock's state: what the renderer asks for when it starts. */
export function sessionView(ctx: StationContext): SessionView {
  const user = ctx.session.user;
  return {
    user: user ? toUserView(user) : null,
    servicePoint: ctx.servicePoint(),
    idleLockMinutes: idleLockMinutes(ctx),
    locked: Boolean(user && ctx.session.locked),
    display: displaySettings(ctx),
  };
}

const FONT_SIZES: readonly DisplaySettings['fontSize'][] = ['standard', 'large', 'xlarge'];

export function displaySettings(ctx: StationContext): DisplaySettings {
  const size = getSetting(ctx.db, SETTINGS.fontSize);
  return {
    fontSize: FONT_SIZES.find((f) => f === size) ?? 'standard',
    highContrast: getSetting(ctx.db, SETTINGS.highContrast) === '1',
  };
}
