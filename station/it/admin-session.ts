import type { AdminAccountView, AdminSessionView } from '../../core/admin/api';
import type { ItStatusView } from '../../core/api/it-methods';
import { divisionContains } from '../../core/division';
import { DaibanError, isDaibanError, type ErrorCode } from '../../core/errors';
import { getSetting, type UserRow } from '../../db';
import type { StationContext } from '../context';
import { SETTINGS } from '../runtime/settings-keys';
import { requireUser } from '../runtime/guard';
import { adminRequest, type AdminRequest } from './admin-http';
import { hashPassword } from '../../base/node/passwords';
import { IT_MESSAGES } from './messages';

/** Opening the session at login: short, so a dead link is reported soon (the login itself never waits for it). */
const CONNECT_TIMEOUT_MS = 10_000;
const CALL_TIMEOUT_MS = 20_000;

/**
 * The IT account's session with the platform. The token lives in memory only (never in the store): a
 * restart, a logout or another login ends it. One per station, keyed by its context.
 */
interface ItLink {
  userId: string;
  username: string;
  token: string | null;
  expiresAt: string | null;
  account: AdminAccountView | null;
  problem: { code: ErrorCode; message: string } | null;
  /** The session being opened, if any; calls wait for it instead of failing for lack of a token. */
  pending: Promise<void> | null;
}

const links = new WeakMap<StationContext, ItLink>();

/** Tests reach the platform through a fault proxy and break it; the default is the global fetch. */
const fetchers = new WeakMap<StationContext, typeof fetch>();
export function setItFetch(ctx: StationContext, f: typeof fetch): void {
  fetchers.set(ctx, f);
}

function platformUrl(ctx: StationContext): string | null {
  return getSetting(ctx.db, SETTINGS.terminalId) ? getSetting(ctx.db, SETTINGS.platformUrl) : null;
}

function send(ctx: StationContext, r: Omit<AdminRequest, 'baseUrl' | 'fetch'>, baseUrl: string): Promise<unknown> {
  return adminRequest({ ...r, baseUrl, fetch: fetchers.get(ctx) });
}

/** The link of the user logged in now; a link left by someone else is dropped. */
function linkOf(ctx: StationContext, user: UserRow): ItLink {
  const existing = links.get(ctx);
  if (existing && existing.userId === user.id) return existing;
  const fresh: ItLink = { userId: user.id, username: user.username, token: null, expiresAt: null, account: null, problem: null, pending: null };
  links.set(ctx, fresh);
  return fresh;
}

function open(ctx: StationContext, link: ItLink, password: string): Promise<void> {
  const baseUrl = platformUrl(ctx);
  const attempt = (async () => {
    if (!baseUrl) {
      link.problem = { code: 'NOT_ENROLLED', message: IT_MESSAGES.notEnrolled };
      return;
    }
    try {
      const s = (await send(
        ctx,
        { method: 'POST', path: '/session', json: { username: link.username, password }, timeoutMs: CONNECT_TIMEOUT_MS },
        baseUrl,
      )) as AdminSessionView;
      if (!s || typeof s.token !== 'string') throw new DaibanError('PLATFORM_UNREACHABLE', IT_MESSAGES.unreadable);
      Object.assign(link, { token: s.token, expiresAt: s.expiresAt ?? null, account: s.account ?? null, problem: null });
      ctx.log.info({ username: link.username }, 'it: platform session opened');
    } catch (e) {
      const err = isDaibanError(e) ? e : new DaibanError('PLATFORM_UNREACHABLE', IT_MESSAGES.offline(baseUrl));
      Object.assign(link, { token: null, expiresAt: null, problem: { code: err.code, message: err.message } });
      ctx.log.info({ code: err.code }, 'it: platform session not opened');
    }
  })();
  const pending = attempt.finally(() => {
    if (link.pending === pending) link.pending = null;
  });
  link.pending = pending;
  return pending;
}

/**
 * IT staff log in online, against the platform (docs/security.md): no IT credential is kept on a terminal,
 * so a stolen village PC opens nothing beyond its village. The account must reach this terminal's division.
 * Resolves with the in-memory session user; the platform session's token stays in memory only.
 */
export async function itLogin(ctx: StationContext, username: string, password: string, at: string): Promise<UserRow> {
  links.delete(ctx);
  if (!platformUrl(ctx)) throw new DaibanError('NOT_ENROLLED', IT_MESSAGES.loginNotEnrolled);
  const user: UserRow = {
    id: `it:${username}`,
    username,
    displayName: username,
    role: 'it',
    passwordHash: '',
    disabled: false,
    mustChangePassword: false,
    failedAttempts: 0,
    lockedUntil: null,
    createdAt: at,
    updatedAt: at,
  };
  const link = linkOf(ctx, user);
  await open(ctx, link, password);
  const account = link.account;
  if (!link.token || !account) {
    links.delete(ctx);
    throw new DaibanError(link.problem?.code ?? 'PLATFORM_UNREACHABLE', link.problem?.message ?? IT_MESSAGES.busy);
  }
  if (account.role !== 'it' || !divisionContains(account.divisionCode, ctx.servicePoint().divisionCode)) {
    endItSession(ctx);
    throw new DaibanError('FORBIDDEN', IT_MESSAGES.otherCounty);
  }
  // Kept in memory for this session only: a restore asks for the caller's own password again.
  return { ...user, username: account.username, displayName: account.displayName, passwordHash: await hashPassword(password) };
}

/** Logout (or another login): forget the token; tell the platform, without waiting for it. */
export function endItSession(ctx: StationContext): void {
  const link = links.get(ctx);
  links.delete(ctx);
  const baseUrl = platformUrl(ctx);
  if (link?.token && baseUrl) {
    send(ctx, { method: 'DELETE', path: '/session', token: link.token, timeoutMs: CONNECT_TIMEOUT_MS }, baseUrl).catch(() => undefined);
  }
}

function statusOf(ctx: StationContext, link: ItLink): ItStatusView {
  const url = platformUrl(ctx);
  const connected = link.token !== null;
  return {
    enrolled: url !== null,
    platformUrl: url,
    connected,
    account: connected ? link.account : null,
    expiresAt: connected ? link.expiresAt : null,
    problem: connected
      ? null
      : (link.problem ??
        (url ? { code: 'IT_PASSWORD_REQUIRED', message: IT_MESSAGES.passwordNeeded } : { code: 'NOT_ENROLLED', message: IT_MESSAGES.notEnrolled })),
  };
}

export async function itStatus(ctx: StationContext): Promise<ItStatusView> {
  const link = linkOf(ctx, requireUser(ctx, ['it']));
  await link.pending;
  return statusOf(ctx, link);
}

/** `it.connect`: the password again (offline at login, or the session expired). */
export async function itConnect(ctx: StationContext, password: string): Promise<ItStatusView> {
  const link = linkOf(ctx, requireUser(ctx, ['it']));
  await link.pending;
  // A token still held is replaced; the platform lets it run out.
  link.token = null;
  await open(ctx, link, password);
  // The prompt shows the reason from it.status too; as a refusal, the password form can show it at once.
  if (!link.token) throw new DaibanError(link.problem?.code ?? 'PLATFORM_UNREACHABLE', link.problem?.message ?? IT_MESSAGES.passwordNeeded);
  return statusOf(ctx, link);
}

/**
 * One admin API call as the IT account. No session (never opened, offline at login, expired) is
 * IT_PASSWORD_REQUIRED with the reason; a 401 from the platform drops the token and says the same.
 */
export async function adminCall<T>(ctx: StationContext, method: AdminRequest['method'], path: string, json?: unknown, timeoutMs = CALL_TIMEOUT_MS): Promise<T> {
  const link = linkOf(ctx, requireUser(ctx, ['it']));
  await link.pending;
  const baseUrl = platformUrl(ctx);
  if (!baseUrl) throw new DaibanError('NOT_ENROLLED', IT_MESSAGES.notEnrolled);
  if (!link.token) {
    const problem = link.problem;
    throw new DaibanError('IT_PASSWORD_REQUIRED', problem?.message ?? IT_MESSAGES.passwordNeeded, {
      reason: problem?.code ?? null,
    });
  }
  const token = link.token;
  try {
    return (await send(ctx, { method, path, json, token, timeoutMs }, baseUrl)) as T;
  } catch (e) {
    if (isDaibanError(e) && e.code === 'IT_PASSWORD_REQUIRED') {
      if (link.token === token) Object.assign(link, { token: null, expiresAt: null, problem: { code: 'IT_PASSWORD_REQUIRED', message: IT_MESSAGES.expired } });
      throw new DaibanError('IT_PASSWORD_REQUIRED', IT_MESSAGES.expired, e.details);
    }
    throw e;
  }
}

/** For tests: the token held for the logged-in IT account (to end it on the platform behind the station's back). */
export function itTokenForTest(ctx: StationContext): string | null {
  return links.get(ctx)?.token ?? null;
}
