import { v7 as uuidv7 } from 'uuid';
import { parseDivisionCode } from '../../core/division';
import { accountUpsertSchema, type AccountUpsert } from '../../core/sync/changes';
import { appendChanges } from '../change-feed';
import type { PlatformContext } from '../context';
import type { Queryable } from '../database/types';
import { isoOf, isUniqueViolation } from '../database/types';
import { invalidInput, notFound } from '../errors';
import { hashPassword } from '../../base/node/passwords';
import { passwordWeakness } from '../../core/passwords';

export type AccountRole = AccountUpsert['role'];

export interface CreateAccountInput {
  username: string;
  displayName: string;
  role: AccountRole;
  divisionCode: string;
  password: string;
  /** The user must choose their own password at the first login (IT set this one); the IT console and CLI say yes. */
  mustChangePassword?: boolean;
}

/** An account as the admin operations return it (never with its password hash). */
export interface AccountSummary {
  id: string;
  username: string;
  displayName: string;
  role: AccountRole;
  divisionCode: string;
  disabled: boolean;
  updatedAt: string;
}

export interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: AccountRole;
  division_code: string;
  password_hash: string;
  disabled: boolean;
  must_change_password: boolean;
  updated_at: unknown;
  [key: string]: unknown;
}

const USERNAME = /^[A-Za-z0-9_.-]{2,64}$/;
const ROLES: readonly AccountRole[] = ['cadre', 'reviewer', 'admin', 'it'];
/** County IT staff look after every terminal below their division, so theirs is a province, city or county. */
const IT_LEVELS: readonly string[] = ['province', 'city', 'county'];

function summary(r: AccountRow): AccountSummary {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    divisionCode: r.division_code,
    disabled: r.disabled,
    updatedAt: isoOf(r.updated_at),
  };
}

/**
 * An account change goes down the change feed to the terminals of exactly its division (a cadre's village,
 * a reviewer's township), so a stolen village PC holds no hash of anyone above the village. IT accounts go
 * to no terminal: IT staff log in online (docs/security.md).
 */
export async function publishAccount(tx: Queryable, r: AccountRow): Promise<void> {
  if (r.role === 'it') return;
  const body: AccountUpsert = accountUpsertSchema.parse({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    passwordHash: r.password_hash,
    disabled: r.disabled,
    mustChangePassword: r.must_change_password,
    divisionCode: r.division_code,
    updatedAt: isoOf(r.updated_at),
  });
  await appendChanges(tx, [{ kind: 'account.upsert', divisionCode: r.division_code, fanUp: false, exact: true, body }], isoOf(r.updated_at));
}

function checkPassword(password: string): void {
  const weakness = passwordWeakness(password);
  if (weakness) throw invalidInput(weakness);
}

export async function createAccount(ctx: PlatformContext, input: CreateAccountInput): Promise<AccountSummary> {
  const username = input.username.trim();
  if (!USERNAME.test(username)) throw invalidInput('用户名应为2到64位字母、数字或 _ . -');
  const displayName = input.displayName.trim();
  if (displayName.length < 1 || displayName.length > 30) throw invalidInput('姓名应为1到30个字');
  if (!ROLES.includes(input.role)) throw invalidInput('角色只能是 cadre（代办员）、reviewer（审核员）、admin（管理员）或 it（运维人员）');
  const division = parseDivisionCode(input.divisionCode);
  if (!division.ok) throw invalidInput(division.message);
  if (input.role === 'it' && !IT_LEVELS.includes(division.value.level)) {
    throw invalidInput('运维人员账号的区划应为省、市或县级代码（2、4或6位），可管理其下所有终端');
  }
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  const at = ctx.now().toISOString();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx.query<AccountRow>(
        `INSERT INTO accounts (id, username, display_name, role, division_code, password_hash, must_change_password, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $8, $7, $7) RETURNING *`,
        [uuidv7(), username, displayName, input.role, division.value.code, passwordHash, at, input.mustChangePassword ?? false],
      );
      await publishAccount(tx, row!);
      return summary(row!);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw invalidInput(`用户名 ${username} 已存在`);
    throw e;
  }
}

async function updateAccount(ctx: PlatformContext, username: string, set: string, params: unknown[]): Promise<AccountSummary> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.query<AccountRow>(`UPDATE accounts SET ${set}, updated_at = $2 WHERE username = $1 RETURNING *`, [
      username.trim(),
      ctx.now().toISOString(),
      ...params,
    ]);
    if (!row) throw notFound(`没有用户名为 ${username} 的账号`);
    await publishAccount(tx, row);
    return summary(row);
  });
}

export function disableAccount(ctx: PlatformContext, username: string): Promise<AccountSummary> {
  return updateAccount(ctx, username, 'disabled = true', []);
}

export async function resetPassword(ctx: PlatformContext, username: string, password: string): Promise<AccountSummary> {
  checkPassword(password);
  // A password IT set is theirs to tell, not the user's to keep: the next login asks for a new one.
  return updateAccount(ctx, username, 'password_hash = $3, must_change_password = true', [await hashPassword(password)]);
}

/** Every account, or those whose division starts with `divisionPrefix` (an IT account's jurisdiction). */
export async function listAccounts(ctx: PlatformContext, divisionPrefix = ''): Promise<AccountSummary[]> {
  const rows = await ctx.db.query<AccountRow>('SELECT * FROM accounts WHERE division_code LIKE $1 ORDER BY division_code, username', [`${divisionPrefix}%`]);
  return rows.map(summary);
}

export async function findAccount(ctx: PlatformContext, username: string): Promise<AccountSummary | null> {
  const [row] = await ctx.db.query<AccountRow>('SELECT * FROM accounts WHERE username = $1', [username.trim()]);
  return row ? summary(row) : null;
}
