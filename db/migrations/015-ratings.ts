/**
 * 好差评 (issue #17, core/ratings/, docs/ratings.md). One table on both kinds of terminal: a village keeps the
 * ratings it took (message_id: its outbox message); a township or county terminal keeps the replica of its
 * villages' ratings from the feed, with the resident to call back and, for a 差评, the follow-up's deadlines
 * and its two steps (回访核实, 整改反馈). One rating per application and stage (一次一评).
 */
export const up = /* sql */ `
CREATE TABLE ratings (
  id                 TEXT PRIMARY KEY,
  application_id     TEXT NOT NULL,
  stage              TEXT NOT NULL CHECK (stage IN ('receipt', 'result')),
  village_code       TEXT NOT NULL,
  item_code          TEXT NOT NULL,
  receipt_no         TEXT NOT NULL,
  level              INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  reasons            TEXT NOT NULL,
  comment            TEXT,
  rated_at           TEXT NOT NULL,
  rated_on           TEXT NOT NULL,
  cadre_id           TEXT NOT NULL,
  cadre_name         TEXT NOT NULL,
  message_id         TEXT,
  resident_name      TEXT,
  resident_phone     TEXT,
  received_at        TEXT,
  revisit_due        TEXT,
  rectify_due        TEXT,
  revisited_at       TEXT,
  revisit_note       TEXT,
  revisited_by_name  TEXT,
  revisit_message_id TEXT,
  rectified_at       TEXT,
  rectify_note       TEXT,
  rectified_by_name  TEXT,
  rectify_message_id TEXT,
  UNIQUE (application_id, stage)
) STRICT;
CREATE INDEX ratings_rated_on ON ratings (rated_on);
CREATE INDEX ratings_follow_up ON ratings (rectify_due) WHERE rectify_due IS NOT NULL;
`;
