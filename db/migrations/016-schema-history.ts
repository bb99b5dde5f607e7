/**
 * Which app version brought the store to each schema version from here on (issue #16): an update that would
 * go back to a build older than the one that made the store's current schema is refused before it is
 * downloaded (station/updates), because that build could not open the store. Each later migration adds its row
 * in its own transaction (db/migrate.ts).
 */
export const up = /* sql */ `
CREATE TABLE schema_history (
  version     INTEGER PRIMARY KEY,
  app_version TEXT NOT NULL,
  applied_at  TEXT NOT NULL
) STRICT;
`;
