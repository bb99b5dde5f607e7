import type { Database } from 'better-sqlite3-multiple-ciphers';
import { stmt } from './statements';

/** An attachment the platform must receive before the message that names it goes up. */
export interface BlobToUpload {
  sha256: string;
  size: number;
  /** Bytes the platform acknowledged last time we heard (its /status is asked again before sending). */
  received: number;
}

/**
 * Attachments named by pending `application.submitted` and `application.supplemented` messages that are neither
 * uploaded nor known broken: `wanted_blobs`, kept by store migration 013's triggers as messages are queued and
 * settled and scans complete or break, so a blob is wanted exactly as long as a pending message names it, and no
 * message body is parsed to know it.
 */
export function listBlobsToUpload(db: Database): BlobToUpload[] {
  return stmt<[], BlobToUpload>(
    db,
    `SELECT w.sha256, w.size, coalesce(b.received, 0) AS received
     FROM wanted_blobs w LEFT JOIN blob_uploads b ON b.sha256 = w.sha256
     ORDER BY w.sha256`,
  ).all();
}

export function countBlobsToUpload(db: Database): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM wanted_blobs').get()!.n;
}

/** True when the platform has the whole blob, or it can never be sent (the message must not wait forever). */
export function blobSettled(db: Database, sha256: string): boolean {
  const row = stmt<[string], { done: number }>(db, 'SELECT (completed_at IS NOT NULL OR broken IS NOT NULL) AS done FROM blob_uploads WHERE sha256 = ?').get(
    sha256,
  );
  return row?.done === 1;
}

export function recordBlobProgress(db: Database, sha256: string, size: number, received: number, at: string): void {
  stmt(
    db,
    `INSERT INTO blob_uploads (sha256, size, received, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, received = excluded.received, updated_at = excluded.updated_at`,
  ).run(sha256, size, received, at);
}

export function markBlobComplete(db: Database, sha256: string, size: number, at: string): void {
  stmt(
    db,
    `INSERT INTO blob_uploads (sha256, size, received, completed_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (sha256) DO UPDATE SET received = excluded.received, completed_at = excluded.completed_at,
       broken = NULL, updated_at = excluded.updated_at`,
  ).run(sha256, size, size, at, at);
}

export function markBlobBroken(db: Database, sha256: string, size: number, reason: string, at: string): void {
  stmt(
    db,
    `INSERT INTO blob_uploads (sha256, size, broken, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (sha256) DO UPDATE SET broken = excluded.broken, updated_at = excluded.updated_at`,
  ).run(sha256, size, reason, at);
}

/** A scan that will never reach the platform (refused by it, or unreadable here), with a message that names it. */
export interface BrokenBlob {
  sha256: string;
  reason: string;
  at: string;
  messageId: string;
  body: string;
}

/** Newest first: the cadre's problem list shows each with the application it belongs to. */
export function listBrokenBlobs(db: Database, limit: number): BrokenBlob[] {
  return stmt<[number], BrokenBlob>(
    db,
    `SELECT b.sha256, b.broken AS reason, b.updated_at AS at, o.id AS messageId, o.body
     FROM blob_uploads b
     JOIN outbox_blobs ob ON ob.sha256 = b.sha256
     JOIN outbox o ON o.id = ob.message_id
     WHERE b.broken IS NOT NULL
     GROUP BY b.sha256
     ORDER BY b.updated_at DESC
     LIMIT ?`,
  ).all(limit);
}
