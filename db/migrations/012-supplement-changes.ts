/**
 * The supplement loop (issue #15): on a township, what the latest supplement of an application changed against
 * the version reviewed before it, and how the village answered each item asked for (core/supplement-diff.ts).
 */
export const up = /* sql */ `
CREATE TABLE main.review_supplements (
  application_id TEXT PRIMARY KEY REFERENCES review_applications (id),
  supplemented_at TEXT NOT NULL,
  diff            TEXT NOT NULL,
  responses       TEXT,
  note            TEXT
) STRICT;
`;
