import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import {
  createAccountSchema,
  issueCodeSchema,
  resetPasswordSchema,
  type AccountWithPassword,
  type AdminAccountView,
  type EnrollmentCodeView,
} from '../../core/admin/api';
import { createAccount, disableAccount, findAccount, listAccounts, resetPassword, type AccountSummary } from '../admin/accounts';
import { issueEnrollmentCode } from '../admin/enrollment-codes';
import type { PlatformContext } from '../context';
import { invalidInput, notFound } from '../errors';
import { generatePassword } from '../../base/node/passwords';
import { divisionNames } from '../admin/divisions';
import { recordAdminAction } from './audit';
import { readAdminBody } from './body';
import { assertWithin } from './jurisdiction';
import { actorOfRequest, type AdminActor } from './sessions';

/** The accounts as the IT console shows them, each division named when the platform has its list. */
async function viewsOf(ctx: PlatformContext, accounts: AccountSummary[]): Promise<AdminAccountView[]> {
  const full = (code: string) => code.padEnd(12, '0');
  const names = await divisionNames(
    ctx.db,
    accounts.map((a) => full(a.divisionCode)),
  );
  return accounts.map((a) => ({
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    divisionCode: a.divisionCode,
    divisionName: names.get(full(a.divisionCode)) ?? null,
    disabled: a.disabled,
  }));
}
const view = async (ctx: PlatformContext, a: AccountSummary): Promise<AdminAccountView> => (await viewsOf(ctx, [a]))[0]!;

/** The account named in the path, when it lies inside the actor's jurisdiction. */
async function accountInJurisdiction(ctx: PlatformContext, actor: AdminActor, username: string): Promise<AccountSummary> {
  const account = await findAccount(ctx, username);
  if (!account) throw notFound(`没有用户名为 ${username} 的账号`);
  assertWithin(actor, account.divisionCode);
  return account;
}

/** Cadre, reviewer, admin and IT accounts, and terminal enrollment codes, inside the actor's division. */
export function registerAccountRoutes(app: FastifyInstance, ctx: PlatformContext, auth: preHandlerHookHandler): void {
  app.post('/enrollment-codes', { preHandler: auth }, async (request): Promise<EnrollmentCodeView> => {
    const actor = actorOfRequest(request);
    const body = readAdminBody(request, issueCodeSchema);
    assertWithin(actor, body.divisionCode);
    const issued = await issueEnrollmentCode(ctx, body);
    const servicePointName = body.servicePointName.trim();
    await recordAdminAction(ctx, actor, 'enrollment_code.issue', issued.divisionCode, { role: body.role, servicePointName });
    return { code: issued.code, divisionCode: issued.divisionCode, role: body.role, servicePointName, expiresAt: issued.expiresAt };
  });

  app.get('/accounts', { preHandler: auth }, async (request): Promise<AdminAccountView[]> => {
    return viewsOf(ctx, await listAccounts(ctx, actorOfRequest(request).prefix));
  });

  app.post('/accounts', { preHandler: auth }, async (request): Promise<AccountWithPassword> => {
    const actor = actorOfRequest(request);
    const body = readAdminBody(request, createAccountSchema);
    assertWithin(actor, body.divisionCode);
    const password = body.password ?? generatePassword();
    const account = await createAccount(ctx, { ...body, password, mustChangePassword: true });
    await recordAdminAction(ctx, actor, 'account.create', account.username, { role: account.role, divisionCode: account.divisionCode });
    return { account: await view(ctx, account), ...(body.password === undefined ? { password } : {}) };
  });

  app.post<{ Params: { username: string } }>('/accounts/:username/disable', { preHandler: auth }, async (request): Promise<AdminAccountView> => {
    const actor = actorOfRequest(request);
    const target = await accountInJurisdiction(ctx, actor, request.params.username);
    if (target.username === actor.username) throw invalidInput('不能停用自己正在使用的账号');
    const account = await disableAccount(ctx, target.username);
    await recordAdminAction(ctx, actor, 'account.disable', account.username);
    return view(ctx, account);
  });

  app.post<{ Params: { username: string } }>('/accounts/:username/reset-password', { preHandler: auth }, async (request): Promise<AccountWithPassword> => {
    const actor = actorOfRequest(request);
    const body = readAdminBody(request, resetPasswordSchema);
    const target = await accountInJurisdiction(ctx, actor, request.params.username);
    const password = body.password ?? generatePassword();
    const account = await resetPassword(ctx, target.username, password);
    await recordAdminAction(ctx, actor, 'account.reset_password', account.username, { generated: body.password === undefined });
    return { account: await view(ctx, account), ...(body.password === undefined ? { password } : {}) };
  });
}
