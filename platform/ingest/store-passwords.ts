import { publishAccount, type AccountRow } from '../admin/accounts';
import { jurisdictionPrefix } from '../auth/jurisdiction';
import type { IngestScope, Valid } from './scope';

/**
 * account.password_changed → the account's new hash, for an account of the terminal's jurisdiction; the
 * account.upsert change it writes carries the hash to the division's other terminals. Messages are applied in
 * batch order, so the newest change of a batch wins.
 */
export async function storePasswordChanged(scope: IngestScope, p: Valid<'account.password_changed'>): Promise<void> {
  const [row] = await scope.tx.query<AccountRow>(
    `UPDATE accounts SET password_hash = $2, must_change_password = false, updated_at = $3 WHERE username = $1 AND division_code LIKE $4 RETURNING *`,
    [p.body.username, p.body.passwordHash, p.body.changedAt, `${jurisdictionPrefix(scope.terminal.divisionCode)}%`],
  );
  if (!row) return scope.invalid(p.index, 'NOT_FOUND', `平台上没有本辖区的账号“${p.body.username}”，新密码未能同步，请联系县级运维人员`);
  await publishAccount(scope.tx, row);
  scope.accept(p, row.division_code, []);
}
