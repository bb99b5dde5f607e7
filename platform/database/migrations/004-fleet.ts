import type { Migration } from './types';

/** IT accounts' admin sessions and audit; the heartbeat keeps the terminal's clock skew. */
export const FLEET_MIGRATION: Migration = {
  version: 4,
  name: 'fleet',
  statements: [
    // 'it': county (or city, province) IT staff. PostgreSQL named v1's column check accounts_role_check.
    `ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_role_check`,
    `ALTER TABLE accounts ADD CONSTRAINT accounts_role_check CHECK (role IN ('cadre', 'reviewer', 'admin', 'it'))`,
    // The terminal's own clock minus the platform's at its last heartbeat (null: an older terminal).
    `ALTER TABLE terminals ADD COLUMN clock_skew_ms bigint`,
    // The fleet view counts conflicts per terminal.
    `CREATE INDEX conflicts_terminal ON conflicts (terminal_id)`,
    // Only the token's SHA-256 is kept: a copy of this table lets nobody in.
    `CREATE TABLE admin_sessions (
      token_sha256 char(64) PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts (id),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    )`,
    `CREATE INDEX admin_sessions_expires ON admin_sessions (expires_at)`,
    `CREATE TABLE admin_actions (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      account_id uuid NOT NULL,
      username text NOT NULL,
      action text NOT NULL,
      target text,
      details jsonb
    )`,
    `CREATE INDEX admin_actions_at ON admin_actions (at)`,
  ],
};
