/**
 * The IT role (运维, issue #6): county IT staff log in on a terminal with an account that came down the change
 * feed. SQLite cannot change a CHECK constraint, so the users table is rebuilt under the same name, in the
 * migration's one transaction, with its rows, column order and the foreign keys pointing at it unchanged.
 *
 * Why this order: foreign_keys is ON and cannot be switched off inside a transaction. Dropping `users`
 * orphans every residents/applications/application_events row that names a user; with the constraints
 * deferred that only counts the orphans, and re-inserting the same ids into the new `users` counts them
 * back to zero before COMMIT checks. The child tables' `REFERENCES users (id)` is text resolved by name,
 * so it binds to the new table (a RENAME would have rewritten those references instead).
 */
export const up = /* sql */ `
PRAGMA defer_foreign_keys = ON;

-- a holding copy in the main (encrypted) database, not in a temp file: the rows carry password hashes
CREATE TABLE main.users_before_005 AS SELECT * FROM main.users;

DROP TABLE main.users;

CREATE TABLE main.users (
  id              TEXT PRIMARY KEY,
  username        TEXT NOT NULL UNIQUE,
  display_name    TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('cadre', 'reviewer', 'admin', 'it')),
  password_hash   TEXT NOT NULL,
  disabled        INTEGER NOT NULL DEFAULT 0,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;

INSERT INTO main.users (id, username, display_name, role, password_hash, disabled, failed_attempts, locked_until, created_at, updated_at)
  SELECT id, username, display_name, role, password_hash, disabled, failed_attempts, locked_until, created_at, updated_at
  FROM main.users_before_005;

DROP TABLE main.users_before_005;
`;
