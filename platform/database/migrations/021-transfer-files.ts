import type { Migration } from './types';

/**
 * Transfer files (USB, issue #16 part 1; docs/transfer-files.md):
 * - `platform_keys`: the platform's own keys, made on its first start (platform/transfer/keys.ts): the age
 *   identity outbox files are encrypted to, and the Ed25519 key that signs return files. A province would keep
 *   them in its HSM; here they are rows every instance reads.
 * - `transfer_imports`: each import of an outbox file, who brought it (the platform itself, or a township
 *   terminal relaying it) and what it held: the record of which stick was read when.
 * - `transfer_uploads`: a file a township terminal is relaying, in parts, until it asks for the import.
 */
export const TRANSFER_FILES_MIGRATION: Migration = {
  version: 21,
  name: 'transfer-files',
  statements: [
    `CREATE TABLE platform_keys (
      name text PRIMARY KEY,
      public_key text NOT NULL,
      private_key text NOT NULL,
      created_at timestamptz NOT NULL
    )`,
    `CREATE TABLE transfer_imports (
      id bigserial PRIMARY KEY,
      file_id uuid NOT NULL,
      terminal_id uuid NOT NULL REFERENCES terminals (id),
      relayed_by uuid REFERENCES terminals (id),
      messages integer NOT NULL,
      blobs integer NOT NULL,
      return_file_id uuid NOT NULL,
      imported_at timestamptz NOT NULL
    )`,
    `CREATE INDEX transfer_imports_file ON transfer_imports (file_id)`,
    `CREATE TABLE transfer_uploads (
      upload_id uuid NOT NULL,
      terminal_id uuid NOT NULL REFERENCES terminals (id),
      "offset" bigint NOT NULL,
      data bytea NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (upload_id, "offset")
    )`,
  ],
};
