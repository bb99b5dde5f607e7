import type { Migration } from './types';

/**
 * A gateway to the province's own platform (issue #18, platform/gateway): connectors as data, so every
 * instance reads the same ones; an outbox of applications to hand over, filled in each application's ingest
 * transaction (platform/gateway/enqueue.ts), one row per connector and application; decisions taken from an
 * external system recorded under its connector, without a terminal or a message.
 */
export const GATEWAY_MIGRATION: Migration = {
  version: 16,
  name: 'gateway',
  statements: [
    `CREATE TABLE gateway_connectors (
      name text PRIMARY KEY,
      config jsonb NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      updated_at timestamptz NOT NULL
    )`,
    `CREATE TABLE gateway_outbox (
      connector text NOT NULL REFERENCES gateway_connectors (name),
      application_id uuid NOT NULL REFERENCES applications (id),
      created_at timestamptz NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      delivered_at timestamptz,
      external_id text,
      last_error text,
      PRIMARY KEY (connector, application_id)
    )`,
    `CREATE INDEX gateway_outbox_due ON gateway_outbox (next_attempt_at) WHERE delivered_at IS NULL`,
    `ALTER TABLE decisions ALTER COLUMN terminal_id DROP NOT NULL`,
    `ALTER TABLE decisions ALTER COLUMN message_id DROP NOT NULL`,
    `ALTER TABLE decisions ADD COLUMN connector text REFERENCES gateway_connectors (name)`,
    `ALTER TABLE decisions ADD CONSTRAINT decisions_source CHECK ((terminal_id IS NULL) <> (connector IS NULL))`,
  ],
};
