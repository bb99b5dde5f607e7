import type { Migration } from './types';

/**
 * The counter (issue #14): an account whose password IT set (created from the IT console or the command
 * line, or reset) must have its own chosen at the next login. The flag goes down the feed with the account
 * and is cleared when a terminal sends the user's own new password (account.password_changed).
 */
export const PASSWORD_CHANGE_MIGRATION: Migration = {
  version: 7,
  name: 'password-change',
  statements: [`ALTER TABLE accounts ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`],
};
