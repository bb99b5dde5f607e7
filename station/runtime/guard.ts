import type { Role } from '../../core/api/views';
import { DaibanError } from '../../core/errors';
import type { UserRow } from '../../db';
import type { StationContext } from '../context';

const ROLE_LABEL: Record<Role, string> = { cadre: '代办员', reviewer: '审核员', admin: '管理员', it: '运维人员' };

/**
 * The logged-in user, or a refusal; with `roles`, only those roles pass. A user who owes a password change
 * (IT set theirs) may do nothing else until it is made; `passwordChangeOwed` lets that one call through.
 */
export function requireUser(ctx: StationContext, roles?: readonly Role[], o: { passwordChangeOwed?: boolean } = {}): UserRow {
  const user = ctx.session.user;
  if (!user) throw new DaibanError('AUTH_REQUIRED', '请先登录。');
  if (ctx.session.locked) throw new DaibanError('SESSION_LOCKED', '屏幕已锁定，请输入登录密码解锁。');
  if (user.mustChangePassword && !o.passwordChangeOwed) {
    throw new DaibanError('PASSWORD_CHANGE_REQUIRED', '这个账号的密码是运维人员设置的，请先修改为您自己的密码，再办理业务。');
  }
  if (roles && !roles.includes(user.role)) {
    const allowed = roles.map((r) => ROLE_LABEL[r]).join('或');
    throw new DaibanError('FORBIDDEN', `此操作只有${allowed}可以进行。`, { role: user.role });
  }
  return user;
}

/** Intake (residents, applications, receipts) is the village cadre's work; an admin may stand in. */
export const INTAKE_ROLES: readonly Role[] = ['cadre', 'admin'];

/**
 * The ledger (台账) lists residents by name: the terminal's own people may take it away, IT staff (who look
 * after terminals, not residents) see the statistics without it.
 */
export const LEDGER_ROLES: readonly Role[] = ['cadre', 'admin', 'reviewer'];

/** Township review (decisions, handover confirmation) is the reviewer's alone: each decision names them. */
export const REVIEW_ROLES: readonly Role[] = ['reviewer'];
