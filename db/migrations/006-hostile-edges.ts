/**
 * Hostile edges (issue #12).
 *
 * IT accounts no longer come down the change feed (IT staff log in online): the hashes an earlier version
 * stored are overwritten, with secure_delete on so the old bytes do not linger in free pages.
 *
 * Changes the terminal cannot apply yet (a kind from a newer platform, or a body it cannot read) are kept,
 * not skipped, and applied once an upgrade understands them (station/sync/apply-changes.ts).
 */
export const up = /* sql */ `
PRAGMA secure_delete = ON;

UPDATE main.users SET password_hash = '!', disabled = 1 WHERE role = 'it';

CREATE TABLE main.deferred_changes (
  cursor        TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,
  division_code TEXT NOT NULL,
  body          TEXT NOT NULL,
  at            TEXT NOT NULL,
  reason        TEXT NOT NULL CHECK (reason IN ('unknown_kind', 'malformed')),
  kept_at       TEXT NOT NULL
) STRICT;
`;
