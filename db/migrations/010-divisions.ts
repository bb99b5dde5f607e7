/**
 * Names of divisions (issue #15), from the feed's divisions.published: what every screen and paper shows
 * instead of a 12-digit code. Level and parent follow from the code (core/divisions/model.ts).
 */
export const up = /* sql */ `
CREATE TABLE main.divisions (
  code   TEXT PRIMARY KEY,
  name   TEXT NOT NULL,
  level  TEXT NOT NULL,
  parent TEXT
) STRICT;
CREATE INDEX divisions_parent ON divisions (parent, code);
`;
