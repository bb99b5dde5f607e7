import type { Database } from 'better-sqlite3-multiple-ciphers';
import { stmt } from './statements';

export interface AttachmentRow {
  id: string;
  applicationId: string;
  sha256: string;
  fileName: string;
  mimeType: string;
  size: number;
  width: number | null;
  height: number | null;
  createdBy: string;
  createdAt: string;
}

const SELECT = `SELECT id, application_id AS applicationId, sha256, file_name AS fileName, mime_type AS mimeType,
  size, width, height, created_by AS createdBy, created_at AS createdAt FROM attachments`;

export function insertAttachment(db: Database, a: AttachmentRow): void {
  stmt(
    db,
    `INSERT INTO attachments (id, application_id, sha256, file_name, mime_type, size, width, height, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.id, a.applicationId, a.sha256, a.fileName, a.mimeType, a.size, a.width, a.height, a.createdBy, a.createdAt);
}

export function findAttachment(db: Database, id: string): AttachmentRow | null {
  return stmt<[string], AttachmentRow>(db, `${SELECT} WHERE id = ?`).get(id) ?? null;
}

export function listAttachments(db: Database, applicationId: string): AttachmentRow[] {
  return stmt<[string], AttachmentRow>(db, `${SELECT} WHERE application_id = ? ORDER BY created_at, id`).all(applicationId);
}
