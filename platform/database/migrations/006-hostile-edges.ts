import type { Migration } from './types';

/**
 * Hostile edges (issue #12). Each terminal's audit chain as it came up (`audit.entries` outbox messages, one row per entry) and
 * what the platform found wrong with it: a gap, a rewritten entry, a truncated tail, an entry whose hash does
 * not match its content. And account changes for exactly their own division: a reviewer's hash reaches its
 * township's terminals, not the villages below; IT accounts' hashes reach no terminal at all (the ones the
 * feed already held are taken out of it).
 */
export const HOSTILE_EDGES_MIGRATION: Migration = {
  version: 6,
  name: 'hostile-edges',
  statements: [
    `ALTER TABLE changes ADD COLUMN exact boolean NOT NULL DEFAULT false`,
    `UPDATE changes SET exact = true WHERE kind = 'account.upsert'`,
    `DELETE FROM changes WHERE kind = 'account.upsert' AND body->>'role' = 'it'`,
    `CREATE TABLE audit_entries (
      terminal_id uuid NOT NULL REFERENCES terminals (id),
      seq bigint NOT NULL,
      hash char(64) NOT NULL,
      prev_hash char(64) NOT NULL,
      at timestamptz NOT NULL,
      action text NOT NULL,
      body text NOT NULL,
      received_at timestamptz NOT NULL,
      PRIMARY KEY (terminal_id, seq)
    )`,
    `CREATE TABLE audit_findings (
      id bigserial PRIMARY KEY,
      terminal_id uuid NOT NULL REFERENCES terminals (id),
      kind text NOT NULL CHECK (kind IN ('gap', 'rewrite', 'truncated', 'bad_hash')),
      seq bigint NOT NULL,
      detail text NOT NULL,
      found_at timestamptz NOT NULL,
      UNIQUE (terminal_id, kind, seq)
    )`,
  ],
};
