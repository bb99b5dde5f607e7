/**
 * Sync state (DESIGN.md §5). Enrollment, cursor and clock offset live in `settings`; this adds what needs rows:
 * the upload progress of each attachment, and an index for the refused messages the cadre is shown.
 */
export const up = /* sql */ `
-- one row per attachment the platform must receive; the platform's /status is the truth, this is the memory
CREATE TABLE blob_uploads (
  sha256       TEXT PRIMARY KEY,
  size         INTEGER NOT NULL,
  -- bytes the platform acknowledged, from the start
  received     INTEGER NOT NULL DEFAULT 0,
  completed_at TEXT,
  -- set when the local file cannot be read: the message goes up without it, people must rescan
  broken       TEXT,
  updated_at   TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX outbox_problems ON outbox (seq) WHERE status IN ('invalid', 'conflict');
`;
