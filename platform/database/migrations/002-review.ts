import type { Migration } from './types';

/** Township review (issue #5): decisions, supplements, handover lists; the original submission kept beside a supplement. */
export const REVIEW: Migration = {
  version: 2,
  name: 'review',
  statements: [
    // The submission as first received, kept once a supplement rewrites body's form, materials and attachments.
    `ALTER TABLE applications ADD COLUMN original_body jsonb`,
    `ALTER TABLE applications ADD COLUMN decided_at timestamptz`,
    `ALTER TABLE applications ADD COLUMN supplemented_at timestamptz`,
    `ALTER TABLE applications ADD COLUMN completed_at timestamptz`,
    `CREATE TABLE decisions (
      decision_id uuid PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES applications (id),
      division_code char(12) NOT NULL,
      decision text NOT NULL CHECK (decision IN ('approve', 'request_supplement', 'reject')),
      status_after text NOT NULL,
      reason text,
      supplement jsonb,
      reviewer_id text NOT NULL,
      reviewer_name text NOT NULL,
      decided_at timestamptz NOT NULL,
      body jsonb NOT NULL,
      message_id uuid NOT NULL,
      terminal_id uuid NOT NULL REFERENCES terminals (id),
      received_at timestamptz NOT NULL
    )`,
    `CREATE INDEX decisions_application ON decisions (application_id, received_at)`,
    `CREATE TABLE supplements (
      id bigserial PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES applications (id),
      body jsonb NOT NULL,
      supplemented_at timestamptz NOT NULL,
      message_id uuid NOT NULL,
      terminal_id uuid NOT NULL REFERENCES terminals (id),
      received_at timestamptz NOT NULL
    )`,
    `CREATE INDEX supplements_application ON supplements (application_id, id)`,
    `CREATE TABLE handover_lists (
      list_id uuid PRIMARY KEY,
      list_no text NOT NULL,
      division_code char(12) NOT NULL,
      body jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      cadre_id text NOT NULL,
      cadre_name text NOT NULL,
      terminal_id uuid NOT NULL REFERENCES terminals (id),
      received_at timestamptz NOT NULL,
      confirmation jsonb,
      confirmed_at timestamptz,
      confirmed_by uuid REFERENCES terminals (id),
      confirmation_received_at timestamptz
    )`,
    `CREATE INDEX handover_lists_division ON handover_lists (division_code, created_at)`,
    // No foreign key to applications: the paper list stands even for an application the platform refused.
    `CREATE TABLE handover_items (
      list_id uuid NOT NULL REFERENCES handover_lists (list_id),
      position integer NOT NULL,
      application_id uuid NOT NULL,
      receipt_no text NOT NULL,
      material_keys jsonb NOT NULL,
      missing jsonb,
      PRIMARY KEY (list_id, position)
    )`,
    `CREATE INDEX handover_items_application ON handover_items (application_id)`,
    // An application.received change that carries the submission names the application instead of copying
    // it: the change feed adds it when read (one copy of the resident's data, and no second 1 KB jsonb
    // write per submission on the ingest path).
    `ALTER TABLE changes ADD COLUMN submission_of uuid`,
  ],
};
