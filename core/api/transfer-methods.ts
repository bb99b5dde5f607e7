import { z } from 'zod';

/**
 * Transfer files (USB, station/transfer, docs/transfer-files.md). Files go between the renderer and the station
 * in parts of at most 4 MiB (base64), the same way over IPC and the browser host, so a file of several hundred
 * MB of scans never crosses as one message.
 */
const PART_BYTES = 4 * 1024 * 1024;
const fileName = z.string().regex(/^daiban-[0-9a-z-]{10,80}\.daiban$/, '不是代办的传输文件名');
const uploadId = z.string().uuid();

export const TRANSFER_PART_BYTES = PART_BYTES;

export const transferMethods = {
  /** Village: writes every pending message and its scans into an outbox file for a stick. */
  'transfer.export': z.object({}).strict(),
  /** Either role: a part of a file this terminal wrote (an export, or a return file a township holds for a village). */
  'transfer.read': z.object({ fileName, offset: z.number().int().nonnegative() }).strict(),
  /** Either role: one part of a file the cadre picked, appended in order to an upload. */
  'transfer.upload': z
    .object({
      uploadId,
      offset: z.number().int().nonnegative(),
      dataBase64: z
        .string()
        .max(Math.ceil(PART_BYTES / 3) * 4)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, '内容不是有效的 base64'),
    })
    .strict(),
  /** Village: a return file from the platform; township: a village's outbox file, relayed now (online). */
  'transfer.import': z.object({ uploadId, fileName: z.string().min(1).max(200) }).strict(),
  /** Both: the files written and imported here, newest first. */
  'transfer.list': z.object({}).strict(),
};

export interface TransferExportView {
  fileId: string;
  fileName: string;
  bytes: number;
  messages: number;
  scans: number;
  createdAt: string;
  expiresAt: string;
  /** When its return file came back (by stick); null while it may still come. */
  answeredAt: string | null;
}

/** What an import did, in numbers the screen says in a sentence. */
export interface TransferImportView {
  id: string;
  kind: 'return' | 'relay';
  fileName: string;
  importedAt: string;
  /** return: messages settled by it; relay: the village's messages the platform took. */
  messages: number;
  accepted: number;
  duplicate: number;
  invalid: number;
  /** return: feed changes applied here (those already applied by network or another trip are passed over). */
  changes: number;
  /** relay: the village's name and the return file to save for the trip back. */
  villageName: string | null;
  returnFileName: string | null;
}

export interface TransferListView {
  exports: TransferExportView[];
  imports: TransferImportView[];
  /** Messages and scans waiting now (what an export would carry). */
  pending: number;
  pendingScans: number;
}

export interface TransferOutputs {
  'transfer.export': TransferExportView;
  'transfer.read': { dataBase64: string; done: boolean; size: number };
  'transfer.upload': { received: number };
  'transfer.import': TransferImportView;
  'transfer.list': TransferListView;
}
