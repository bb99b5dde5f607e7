/**
 * The counter (issue #14): an account whose password was set by someone else (IT created it, or reset it)
 * must choose its own at the next login. The flag comes down the change feed with the account and is
 * cleared here when the cadre changes the password.
 */
export const up = /* sql */ `
ALTER TABLE main.users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
`;
