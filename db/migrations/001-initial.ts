/** The first schema of the terminal store. STRICT tables; times are UTC ISO 8601 text. */
export const up = /* sql */ `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id              TEXT PRIMARY KEY,
  username        TEXT NOT NULL UNIQUE,
  display_name    TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('cadre', 'reviewer', 'admin')),
  password_hash   TEXT NOT NULL,
  disabled        INTEGER NOT NULL DEFAULT 0,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE catalog_versions (
  version      TEXT PRIMARY KEY,
  published_at TEXT NOT NULL,
  body         TEXT NOT NULL,
  received_at  TEXT NOT NULL
) STRICT;

CREATE TABLE residents (
  id             TEXT PRIMARY KEY,
  id_number      TEXT NOT NULL UNIQUE,
  -- reversed ID number and phone: "last digits" searches become indexed prefix searches
  id_reversed    TEXT NOT NULL,
  name           TEXT NOT NULL,
  name_pinyin    TEXT NOT NULL,
  name_initials  TEXT NOT NULL,
  gender         TEXT NOT NULL CHECK (gender IN ('male', 'female')),
  birth_date     TEXT NOT NULL,
  phone          TEXT,
  phone_reversed TEXT,
  address        TEXT,
  created_by     TEXT NOT NULL REFERENCES users (id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX residents_name ON residents (name);
CREATE INDEX residents_name_pinyin ON residents (name_pinyin);
CREATE INDEX residents_name_initials ON residents (name_initials);
CREATE INDEX residents_id_reversed ON residents (id_reversed);
CREATE INDEX residents_phone ON residents (phone) WHERE phone IS NOT NULL;
CREATE INDEX residents_phone_reversed ON residents (phone_reversed) WHERE phone_reversed IS NOT NULL;

CREATE TABLE applications (
  id              TEXT PRIMARY KEY,
  resident_id     TEXT NOT NULL REFERENCES residents (id),
  item_code       TEXT NOT NULL,
  catalog_version TEXT NOT NULL REFERENCES catalog_versions (version),
  status          TEXT NOT NULL,
  form            TEXT NOT NULL DEFAULT '{}',
  receipt_no      TEXT UNIQUE,
  submitted_at    TEXT,
  due_date        TEXT,
  receipt_prints  INTEGER NOT NULL DEFAULT 0,
  created_by      TEXT NOT NULL REFERENCES users (id),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX applications_status_updated ON applications (status, updated_at, id);
CREATE INDEX applications_updated ON applications (updated_at, id);
CREATE INDEX applications_resident ON applications (resident_id);
CREATE INDEX applications_item ON applications (item_code, submitted_at);
CREATE INDEX applications_submitted ON applications (submitted_at) WHERE submitted_at IS NOT NULL;
CREATE INDEX applications_due ON applications (due_date, id)
  WHERE status IN ('queued', 'sent', 'under_review', 'needs_supplement', 'supplemented');

CREATE TABLE application_materials (
  application_id TEXT NOT NULL REFERENCES applications (id),
  material_key   TEXT NOT NULL,
  received       INTEGER NOT NULL,
  count          INTEGER NOT NULL,
  PRIMARY KEY (application_id, material_key)
) STRICT, WITHOUT ROWID;

-- append-only history of an application
CREATE TABLE application_events (
  seq            INTEGER PRIMARY KEY,
  id             TEXT NOT NULL UNIQUE,
  application_id TEXT NOT NULL REFERENCES applications (id),
  at             TEXT NOT NULL,
  type           TEXT NOT NULL,
  from_status    TEXT,
  to_status      TEXT,
  actor_id       TEXT NOT NULL,
  note           TEXT
) STRICT;
CREATE INDEX application_events_app ON application_events (application_id, seq);

-- scanned pages: the bytes live encrypted in files named by their SHA-256 beside the database
CREATE TABLE attachments (
  id             TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications (id),
  sha256         TEXT NOT NULL,
  file_name      TEXT NOT NULL,
  mime_type      TEXT NOT NULL,
  size           INTEGER NOT NULL,
  width          INTEGER,
  height         INTEGER,
  created_by     TEXT NOT NULL REFERENCES users (id),
  created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_app ON attachments (application_id);

-- messages waiting to go up to the platform (DESIGN.md §5)
CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL,
  body       TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  status     TEXT NOT NULL DEFAULT 'pending'
             CHECK (status IN ('pending', 'accepted', 'duplicate', 'conflict', 'invalid')),
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  settled_at TEXT
) STRICT;
CREATE INDEX outbox_pending ON outbox (seq) WHERE status = 'pending';

-- hash-chained: each entry's hash covers the previous entry's hash
CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor_id    TEXT,
  action      TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id   TEXT,
  detail      TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
) STRICT;

CREATE TABLE counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
`;
