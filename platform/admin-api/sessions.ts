import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminAccountView, AdminSessionView } from '../../core/admin/api';
import { divisionPrefix } from '../../core/division';
import type { AccountRow } from '../admin/accounts';
import type { PlatformContext } from '../context';
import { isoOf } from '../database/types';
import { PlatformError } from '../errors';
import type { LoginThrottle } from './login-throttle';
import { verifyPassword } from '../../base/node/passwords';
import { divisionNames } from '../admin/divisions';
import { sha256Hex } from '../../base/node/digest';

/** An admin session lasts two hours from login; then the IT staff log in again. */
export const ADMIN_SESSION_TTL_MS = 2 * 3600_000;

/** The IT account behind a request that passed `requireAdmin`. */
export interface AdminActor {
  accountId: string;
  username: string;
  displayName: string;
  /** 12 digits. */
  divisionCode: string;
  /** The digits every division in its jurisdiction starts with ('360781' for a county). */
  prefix: string;
}

const LOGIN_FAILED = '用户名或密码不正确';
const AUTH_REQUIRED = '未登录或登录已过期，请重新登录运维账号';
const BEARER = /^Bearer ([A-Za-z0-9_-]{43})$/;

const tokenSha256 = (token: string) => sha256Hex(token);

export function accountView(
  r: Pick<AccountRow, 'username' | 'display_name' | 'role' | 'division_code' | 'disabled'>,
  divisionName: string | null,
): AdminAccountView {
  return { username: r.username, displayName: r.display_name, role: r.role, divisionCode: r.division_code, divisionName, disabled: r.disabled };
}

function actorOf(r: AccountRow): AdminActor {
  return { accountId: r.id, username: r.username, displayName: r.display_name, divisionCode: r.division_code, prefix: divisionPrefix(r.division_code) };
}

/**
 * Checks an IT account's password and opens a session. An unknown user and a wrong password get the same
 * answer after the same work; only someone who knows the password learns that the account is disabled or
 * not an IT account. The token is shown once; only its SHA-256 is stored.
 */
export async function openAdminSession(
  ctx: PlatformContext,
  throttle: LoginThrottle,
  username: string,
  password: string,
  source: string,
): Promise<{ session: AdminSessionView; actor: AdminActor }> {
  await throttle.check(username, source);
  const [row] = await ctx.db.query<AccountRow>('SELECT * FROM accounts WHERE username = $1', [username.trim()]);
  const ok = await verifyPassword(password, row?.password_hash ?? null);
  if (!row || !ok) {
    await throttle.failed(username, source);
    ctx.log.warn({ username: username.trim().slice(0, 64) }, 'admin login refused');
    throw new PlatformError(401, 'ADMIN_LOGIN_FAILED', LOGIN_FAILED);
  }
  await throttle.succeeded(username, source);
  if (row.disabled) throw new PlatformError(401, 'ADMIN_LOGIN_FAILED', '该账号已停用，请联系上级运维人员');
  if (row.role !== 'it') throw new PlatformError(401, 'ADMIN_LOGIN_FAILED', '该账号不是运维人员账号，不能登录运维管理');
  const token = randomBytes(32).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ADMIN_SESSION_TTL_MS).toISOString();
  await ctx.db.transaction(async (tx) => {
    await tx.query('DELETE FROM admin_sessions WHERE expires_at <= $1', [now.toISOString()]);
    await tx.query('INSERT INTO admin_sessions (token_sha256, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      tokenSha256(token),
      row.id,
      now.toISOString(),
      expiresAt,
    ]);
  });
  const divisionName = (await divisionNames(ctx.db, [row.division_code])).get(row.division_code) ?? null;
  return { session: { token, expiresAt, account: accountView(row, divisionName) }, actor: actorOf(row) };
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const m = typeof header === 'string' ? BEARER.exec(header.trim()) : null;
  return m ? m[1]! : null;
}

/** Ends the request's session (a missing or unknown one is already ended). */
export async function closeAdminSession(ctx: PlatformContext, request: FastifyRequest): Promise<void> {
  const token = bearerToken(request);
  if (token) await ctx.db.query('DELETE FROM admin_sessions WHERE token_sha256 = $1', [tokenSha256(token)]);
}

const actors = new WeakMap<FastifyRequest, AdminActor>();

/** The IT account of a request behind `requireAdmin`. */
export function actorOfRequest(request: FastifyRequest): AdminActor {
  const actor = actors.get(request);
  if (!actor) throw new PlatformError(401, 'ADMIN_AUTH_REQUIRED', AUTH_REQUIRED);
  return actor;
}

/**
 * The preHandler of every admin route but login: a live session of an IT account that is still enabled
 * (disabling an account, or taking the IT role away, ends its sessions at once).
 */
export function createAdminAuth(ctx: PlatformContext) {
  return async function requireAdmin(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const token = bearerToken(request);
    if (!token) throw new PlatformError(401, 'ADMIN_AUTH_REQUIRED', AUTH_REQUIRED);
    const [row] = await ctx.db.query<AccountRow & { session_expires_at: unknown }>(
      `SELECT a.*, s.expires_at AS session_expires_at FROM admin_sessions s JOIN accounts a ON a.id = s.account_id
       WHERE s.token_sha256 = $1`,
      [tokenSha256(token)],
    );
    if (!row || Date.parse(isoOf(row.session_expires_at)) <= ctx.now().getTime() || row.disabled || row.role !== 'it') {
      throw new PlatformError(401, 'ADMIN_AUTH_REQUIRED', AUTH_REQUIRED);
    }
    actors.set(request, actorOf(row));
  };
}
