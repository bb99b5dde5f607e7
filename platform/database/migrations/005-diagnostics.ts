import type { Migration } from './types';

/** Diagnostics requests and the bundles terminals send back. */
export const DIAGNOSTICS_MIGRATION: Migration = {
  version: 5,
  name: 'diagnostics',
  statements: [
    // One outstanding request per terminal at most: asking again only moves requested_at.
    `CREATE TABLE diagnostics_requests (
      terminal_id uuid PRIMARY KEY REFERENCES terminals (id),
      requested_at timestamptz NOT NULL,
      fulfilled_at timestamptz
    )`,
    // The bundle as the terminal sent it (validated against core/diagnostics/bundle.ts); the newest few are kept.
    `CREATE TABLE diagnostics_bundles (
      id bigserial PRIMARY KEY,
      terminal_id uuid NOT NULL REFERENCES terminals (id),
      received_at timestamptz NOT NULL,
      bundle jsonb NOT NULL
    )`,
    `CREATE INDEX diagnostics_bundles_terminal ON diagnostics_bundles (terminal_id, id)`,
  ],
};
