/**
 * Households (户, issue #14): a head and members, each with their relation to the head, so an item that asks
 * for the household's members is filled from the record instead of retyped. A resident belongs to one
 * household at most (the unique index); moving them is an explicit, audited choice.
 */
export const up = /* sql */ `
CREATE TABLE main.households (
  id         TEXT PRIMARY KEY,
  head_id    TEXT NOT NULL REFERENCES residents (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE main.household_members (
  household_id TEXT NOT NULL REFERENCES households (id),
  resident_id  TEXT NOT NULL REFERENCES residents (id),
  relation     TEXT NOT NULL,
  position     INTEGER NOT NULL,
  PRIMARY KEY (household_id, resident_id)
) STRICT;

CREATE UNIQUE INDEX household_members_one_household ON household_members (resident_id);
`;
