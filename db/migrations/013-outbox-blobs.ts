/**
 * The terminal's side of scale (issue #18): which scans each outbox message names, kept beside the outbox by
 * triggers, and the scans still to upload, kept as a set, so neither the sync status nor the upload list nor the
 * problem list parses message bodies (a status snapshot took 430 ms at 50,000 pending).
 *
 * - outbox_blobs: (message, scan) for every application.submitted / .supplemented, `pending` while its message is.
 * - wanted_blobs: the scans a pending message names that are neither uploaded nor known broken, with how many
 *   pending messages name them. A scan leaves when it completes or breaks, or when its last message settles.
 */
export const up = /* sql */ `
CREATE TABLE main.outbox_blobs (
  message_id TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  size       INTEGER NOT NULL,
  pending    INTEGER NOT NULL CHECK (pending IN (0, 1)),
  PRIMARY KEY (message_id, sha256)
) STRICT, WITHOUT ROWID;
CREATE INDEX outbox_blobs_sha256 ON outbox_blobs (sha256);

CREATE TABLE main.wanted_blobs (
  sha256 TEXT PRIMARY KEY,
  size   INTEGER NOT NULL,
  refs   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TRIGGER wanted_blobs_add AFTER INSERT ON outbox_blobs
  WHEN NEW.pending = 1 AND NOT EXISTS (
    SELECT 1 FROM blob_uploads b WHERE b.sha256 = NEW.sha256 AND (b.completed_at IS NOT NULL OR b.broken IS NOT NULL))
BEGIN
  INSERT INTO wanted_blobs (sha256, size, refs) VALUES (NEW.sha256, NEW.size, 1)
    ON CONFLICT (sha256) DO UPDATE SET refs = refs + 1;
END;

CREATE TRIGGER wanted_blobs_release AFTER UPDATE OF pending ON outbox_blobs WHEN OLD.pending = 1 AND NEW.pending = 0 BEGIN
  UPDATE wanted_blobs SET refs = refs - 1 WHERE sha256 = NEW.sha256;
  DELETE FROM wanted_blobs WHERE sha256 = NEW.sha256 AND refs <= 0;
END;

CREATE TRIGGER wanted_blobs_drop AFTER DELETE ON outbox_blobs WHEN OLD.pending = 1 BEGIN
  UPDATE wanted_blobs SET refs = refs - 1 WHERE sha256 = OLD.sha256;
  DELETE FROM wanted_blobs WHERE sha256 = OLD.sha256 AND refs <= 0;
END;

CREATE TRIGGER wanted_blobs_uploaded AFTER INSERT ON blob_uploads WHEN NEW.completed_at IS NOT NULL OR NEW.broken IS NOT NULL BEGIN
  DELETE FROM wanted_blobs WHERE sha256 = NEW.sha256;
END;

CREATE TRIGGER wanted_blobs_uploaded_later AFTER UPDATE ON blob_uploads WHEN NEW.completed_at IS NOT NULL OR NEW.broken IS NOT NULL BEGIN
  DELETE FROM wanted_blobs WHERE sha256 = NEW.sha256;
END;

CREATE TRIGGER outbox_blobs_insert AFTER INSERT ON outbox
  WHEN NEW.kind IN ('application.submitted', 'application.supplemented')
BEGIN
  INSERT OR IGNORE INTO outbox_blobs (message_id, sha256, size, pending)
    SELECT NEW.id, json_extract(a.value, '$.sha256'), json_extract(a.value, '$.size'), NEW.status = 'pending'
    FROM json_each(NEW.body, '$.attachments') a;
END;

CREATE TRIGGER outbox_blobs_settle AFTER UPDATE OF status ON outbox WHEN OLD.status = 'pending' AND NEW.status <> 'pending' BEGIN
  UPDATE outbox_blobs SET pending = 0 WHERE message_id = NEW.id;
END;

CREATE TRIGGER outbox_blobs_delete AFTER DELETE ON outbox BEGIN
  DELETE FROM outbox_blobs WHERE message_id = OLD.id;
END;

-- The station never rewrites a queued body, but a store written by another build may: the scans follow the body.
CREATE TRIGGER outbox_blobs_rewrite AFTER UPDATE OF body ON outbox
  WHEN NEW.kind IN ('application.submitted', 'application.supplemented')
BEGIN
  DELETE FROM outbox_blobs WHERE message_id = NEW.id;
  INSERT OR IGNORE INTO outbox_blobs (message_id, sha256, size, pending)
    SELECT NEW.id, json_extract(a.value, '$.sha256'), json_extract(a.value, '$.size'), NEW.status = 'pending'
    FROM json_each(NEW.body, '$.attachments') a;
END;

-- What an upgraded store already holds, through the same triggers.
INSERT OR IGNORE INTO outbox_blobs (message_id, sha256, size, pending)
  SELECT o.id, json_extract(a.value, '$.sha256'), json_extract(a.value, '$.size'), o.status = 'pending'
  FROM outbox o, json_each(o.body, '$.attachments') a
  WHERE o.kind IN ('application.submitted', 'application.supplemented');
`;
