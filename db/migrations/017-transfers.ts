/**
 * Transfer files (USB, issue #16 part 1; docs/transfer-files.md). `transfer_exports`: each outbox file this
 * terminal wrote, with the private half of the key its return file is encrypted to (the store is encrypted, so
 * it may live here) and when that return file came back. `transfer_imports`: every file imported here, by its
 * id, so a return file carried back twice is refused the second time; on a township, the village files it
 * relayed and the return files it holds for the trip back.
 */
export const up = /* sql */ `
CREATE TABLE transfer_exports (
  id              TEXT PRIMARY KEY,
  file_name       TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  expires_at      TEXT NOT NULL,
  reply_identity  TEXT NOT NULL,
  messages        INTEGER NOT NULL,
  scans           INTEGER NOT NULL,
  bytes           INTEGER NOT NULL,
  answered_at     TEXT
) STRICT;

CREATE TABLE transfer_imports (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('return', 'relay')),
  file_name     TEXT NOT NULL,
  imported_at   TEXT NOT NULL,
  summary       TEXT NOT NULL,
  return_file   TEXT
) STRICT;
`;
