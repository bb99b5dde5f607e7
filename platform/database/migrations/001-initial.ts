import type { Migration } from './types';

/** Terminals, enrollment codes, messages and conflicts, applications, blobs, the change feed, catalog versions, accounts, seen signatures. */
export const INITIAL: Migration = {
  version: 1,
  name: 'initial',
  statements: [
    `CREATE TABLE terminals (
      id uuid PRIMARY KEY,
      public_key text NOT NULL,
      division_code char(12) NOT NULL,
      role text NOT NULL CHECK (role IN ('village', 'township')),
      service_point_name text NOT NULL,
      terminal_no integer NOT NULL CHECK (terminal_no BETWEEN 1 AND 99),
      hostname text,
      enrolled_at timestamptz NOT NULL,
      disabled boolean NOT NULL DEFAULT false,
      app_version text,
      queue_depth integer,
      invalid_count integer,
      last_sync_at timestamptz,
      free_disk_bytes bigint,
      audit_head_seq bigint,
      audit_head_hash text,
      audit_alert boolean NOT NULL DEFAULT false,
      last_seen_at timestamptz,
      UNIQUE (division_code, terminal_no)
    )`,
    `CREATE TABLE enrollment_codes (
      code_sha256 char(64) PRIMARY KEY,
      division_code char(12) NOT NULL,
      role text NOT NULL CHECK (role IN ('village', 'township')),
      service_point_name text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      used_by uuid REFERENCES terminals (id)
    )`,
    `CREATE TABLE messages (
      id uuid PRIMARY KEY,
      sha256 char(64) NOT NULL,
      kind text NOT NULL,
      body text NOT NULL,
      terminal_id uuid NOT NULL REFERENCES terminals (id),
      division_code char(12) NOT NULL,
      batch_id uuid NOT NULL,
      received_at timestamptz NOT NULL
    )`,
    `CREATE INDEX messages_terminal ON messages (terminal_id, received_at)`,
    `CREATE TABLE conflicts (
      id bigserial PRIMARY KEY,
      message_id uuid NOT NULL,
      terminal_id uuid NOT NULL REFERENCES terminals (id),
      other_sha256 char(64) NOT NULL,
      body text NOT NULL,
      at timestamptz NOT NULL
    )`,
    `CREATE TABLE applications (
      id uuid PRIMARY KEY,
      division_code char(12) NOT NULL,
      terminal_id uuid NOT NULL REFERENCES terminals (id),
      receipt_no text NOT NULL,
      item_code text NOT NULL,
      catalog_version text NOT NULL,
      status text NOT NULL,
      resident_name text NOT NULL,
      resident_id_number text NOT NULL,
      submitted_at timestamptz NOT NULL,
      due_date date NOT NULL,
      body jsonb NOT NULL,
      withdrawn_at timestamptz,
      withdrawal_reason text,
      received_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`,
    `CREATE INDEX applications_division ON applications (division_code, status)`,
    `CREATE INDEX applications_receipt ON applications (receipt_no)`,
    // Keyed by division too: the same scan uploaded by two villages is two blobs, nothing leaks across.
    `CREATE TABLE blobs (
      division_code char(12) NOT NULL,
      sha256 char(64) NOT NULL,
      size integer NOT NULL,
      received integer NOT NULL DEFAULT 0,
      complete boolean NOT NULL DEFAULT false,
      terminal_id uuid NOT NULL REFERENCES terminals (id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, sha256)
    )`,
    `CREATE INDEX blobs_sha256 ON blobs (sha256)`,
    `CREATE TABLE blob_chunks (
      division_code char(12) NOT NULL,
      sha256 char(64) NOT NULL,
      "offset" integer NOT NULL,
      data bytea NOT NULL,
      PRIMARY KEY (division_code, sha256, "offset"),
      FOREIGN KEY (division_code, sha256) REFERENCES blobs (division_code, sha256) ON DELETE CASCADE
    )`,
    `CREATE TABLE changes (
      seq bigserial PRIMARY KEY,
      kind text NOT NULL,
      division_code char(12) NOT NULL,
      fan_up boolean NOT NULL DEFAULT false,
      body jsonb NOT NULL,
      created_at timestamptz NOT NULL
    )`,
    `CREATE TABLE catalog_versions (
      version text PRIMARY KEY,
      body jsonb NOT NULL,
      body_sha256 char(64) NOT NULL,
      published_at timestamptz NOT NULL
    )`,
    `CREATE TABLE accounts (
      id uuid PRIMARY KEY,
      username text NOT NULL UNIQUE,
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('cadre', 'reviewer', 'admin')),
      division_code char(12) NOT NULL,
      password_hash text NOT NULL,
      disabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`,
    `CREATE TABLE seen_signatures (
      terminal_id uuid NOT NULL,
      signature text NOT NULL,
      seen_at timestamptz NOT NULL,
      PRIMARY KEY (terminal_id, signature)
    )`,
    `CREATE INDEX seen_signatures_seen_at ON seen_signatures (seen_at)`,
  ],
};
