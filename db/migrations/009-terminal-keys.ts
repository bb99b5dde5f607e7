/**
 * Signed receipt codes (issue #14): the public keys of the terminals below this one (a township's villages),
 * from the feed's terminal.enrolled, so a paper receipt's QR code is checked here without a network.
 * Terminal numbers are never reused within a division, hence the unique pair. A scanned code names its
 * receipt number, so the township's replica gets an index on it (a village's own table has one already).
 */
export const up = /* sql */ `
CREATE TABLE main.terminal_keys (
  terminal_id        TEXT PRIMARY KEY,
  division_code      TEXT NOT NULL,
  terminal_no        INTEGER NOT NULL,
  role               TEXT NOT NULL,
  service_point_name TEXT NOT NULL,
  public_key         TEXT NOT NULL,
  enrolled_at        TEXT NOT NULL,
  UNIQUE (division_code, terminal_no)
) STRICT;

-- a scanned receipt is looked up by its number
CREATE INDEX review_applications_receipt ON review_applications (receipt_no);
`;
