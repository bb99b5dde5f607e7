/**
 * Public holidays as data (issue #15): the years the platform published (calendar.published), in place of the
 * built-in years; the working-day calendar is rebuilt from them when one arrives.
 */
export const up = /* sql */ `
CREATE TABLE main.calendar_years (
  year INTEGER PRIMARY KEY,
  body TEXT NOT NULL
) STRICT;
`;
