/**
 * Township review (issue #5): a township terminal's replica of its villages' applications, the decisions
 * (made here on a township, arrived from the feed on a village), and handover lists (交接清单) on both sides.
 */
export const up = /* sql */ `
-- township only: what the platform sent of each village application (core/sync/changes.ts application.received)
CREATE TABLE review_applications (
  id              TEXT PRIMARY KEY,
  receipt_no      TEXT NOT NULL,
  village_code    TEXT NOT NULL,
  item_code       TEXT NOT NULL,
  catalog_version TEXT NOT NULL,
  -- what the reviewer sees: the platform's status, or the outcome of a decision still in the outbox
  status          TEXT NOT NULL,
  -- the last status the platform reported; a refused decision falls back to it
  platform_status TEXT NOT NULL,
  resident        TEXT NOT NULL,
  resident_name   TEXT NOT NULL,
  form            TEXT NOT NULL,
  materials       TEXT NOT NULL,
  attachments     TEXT NOT NULL,
  cadre_name      TEXT NOT NULL,
  submitted_at    TEXT NOT NULL,
  due_date        TEXT NOT NULL,
  received_at     TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX review_applications_age ON review_applications (submitted_at, id);
CREATE INDEX review_applications_village ON review_applications (village_code, submitted_at);
CREATE INDEX review_applications_status ON review_applications (status, due_date);

-- the replica's history (received, supplemented, decided, refused …)
CREATE TABLE review_events (
  seq            INTEGER PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES review_applications (id),
  at             TEXT NOT NULL,
  type           TEXT NOT NULL,
  status         TEXT NOT NULL,
  actor_name     TEXT NOT NULL,
  note           TEXT
) STRICT;
CREATE INDEX review_events_app ON review_events (application_id, seq);

-- decisions: made on this township terminal (state pending until the platform answers) or arrived (synced)
CREATE TABLE decisions (
  id             TEXT PRIMARY KEY,
  application_id TEXT NOT NULL,
  decision       TEXT NOT NULL CHECK (decision IN ('approve', 'request_supplement', 'reject')),
  reason         TEXT,
  supplement     TEXT,
  reviewer_id    TEXT NOT NULL,
  reviewer_name  TEXT NOT NULL,
  decided_at     TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('pending', 'synced', 'refused')),
  refused_reason TEXT,
  -- the outbox message that carries it (township), null when it came down the feed
  message_id     TEXT UNIQUE,
  recorded_at    TEXT NOT NULL
) STRICT;
CREATE INDEX decisions_app ON decisions (application_id, decided_at);

-- handover lists (交接清单): made on a village, replicated to the township, confirmed there
CREATE TABLE handover_lists (
  id                TEXT PRIMARY KEY,
  list_no           TEXT NOT NULL UNIQUE,
  village_code      TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  created_by_name   TEXT NOT NULL,
  confirmed_at      TEXT,
  confirmed_by_name TEXT,
  missing           TEXT NOT NULL DEFAULT '[]',
  -- this terminal's own latest message about the list (listed or confirmed): synced once it is settled
  message_id        TEXT
) STRICT;
CREATE INDEX handover_lists_created ON handover_lists (created_at, id);

CREATE TABLE handover_items (
  list_id        TEXT NOT NULL REFERENCES handover_lists (id),
  application_id TEXT NOT NULL,
  receipt_no     TEXT NOT NULL,
  material_keys  TEXT NOT NULL,
  PRIMARY KEY (list_id, application_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX handover_items_app ON handover_items (application_id);
`;
