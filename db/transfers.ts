import type { Database } from 'better-sqlite3-multiple-ciphers';
import { stmt } from './statements';

/** An outbox file this terminal wrote (docs/transfer-files.md); `replyIdentity` opens its return file. */
export interface TransferExportRow {
  id: string;
  fileName: string;
  createdAt: string;
  expiresAt: string;
  replyIdentity: string;
  messages: number;
  scans: number;
  bytes: number;
  answeredAt: string | null;
}

const EXPORT = `SELECT id, file_name AS fileName, created_at AS createdAt, expires_at AS expiresAt, reply_identity AS replyIdentity,
  messages, scans, bytes, answered_at AS answeredAt FROM transfer_exports`;

export function insertTransferExport(db: Database, e: TransferExportRow): void {
  stmt(
    db,
    `INSERT INTO transfer_exports (id, file_name, created_at, expires_at, reply_identity, messages, scans, bytes, answered_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.id, e.fileName, e.createdAt, e.expiresAt, e.replyIdentity, e.messages, e.scans, e.bytes, e.answeredAt);
}

export function findTransferExport(db: Database, id: string): TransferExportRow | null {
  return stmt<[string], TransferExportRow>(db, `${EXPORT} WHERE id = ?`).get(id) ?? null;
}

export function findTransferExportByName(db: Database, fileName: string): TransferExportRow | null {
  return stmt<[string], TransferExportRow>(db, `${EXPORT} WHERE file_name = ?`).get(fileName) ?? null;
}

export function listTransferExports(db: Database, limit: number): TransferExportRow[] {
  return stmt<[number], TransferExportRow>(db, `${EXPORT} ORDER BY created_at DESC LIMIT ?`).all(limit);
}

export function markTransferAnswered(db: Database, id: string, at: string): void {
  stmt(db, 'UPDATE transfer_exports SET answered_at = coalesce(answered_at, ?) WHERE id = ?').run(at, id);
}

/** A file imported here: a return file (village) or a village's file relayed (township, with its return file). */
export interface TransferImportRow {
  id: string;
  kind: 'return' | 'relay';
  fileName: string;
  importedAt: string;
  summary: Record<string, unknown>;
  /** Relay only: the village's return file, base64, until it is taken back. */
  returnFile: string | null;
}

type RecordedImport = Omit<TransferImportRow, 'returnFile'>;
const IMPORT = 'SELECT id, kind, file_name AS fileName, imported_at AS importedAt, summary FROM transfer_imports';
const recorded = (r: Omit<RecordedImport, 'summary'> & { summary: string }): RecordedImport => ({
  ...r,
  summary: JSON.parse(r.summary) as Record<string, unknown>,
});

/** An import by its file's id (a return file's, or on a township the relayed file's answer), without the file itself. */
export function findTransferImport(db: Database, id: string): RecordedImport | null {
  const r = stmt<[string], Omit<RecordedImport, 'summary'> & { summary: string }>(db, `${IMPORT} WHERE id = ?`).get(id);
  return r ? recorded(r) : null;
}

/** A village's return file a township holds for the trip back (base64), by the name it is saved under. */
export function heldReturnFile(db: Database, fileName: string): string | null {
  const r = stmt<[string], { returnFile: string | null }>(
    db,
    `SELECT return_file AS returnFile FROM transfer_imports WHERE kind = 'relay' AND json_extract(summary, '$.returnFileName') = ?`,
  ).get(fileName);
  return r?.returnFile ?? null;
}

export function insertTransferImport(db: Database, i: TransferImportRow): void {
  stmt(db, 'INSERT INTO transfer_imports (id, kind, file_name, imported_at, summary, return_file) VALUES (?, ?, ?, ?, ?, ?)').run(
    i.id,
    i.kind,
    i.fileName,
    i.importedAt,
    JSON.stringify(i.summary),
    i.returnFile,
  );
}

export function listTransferImports(db: Database, limit: number): RecordedImport[] {
  return stmt<[number], Omit<RecordedImport, 'summary'> & { summary: string }>(db, `${IMPORT} ORDER BY imported_at DESC LIMIT ?`).all(limit).map(recorded);
}
