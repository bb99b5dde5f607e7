import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { newTransferKey, sealTransferToFile, type BlobSource } from '../../base/node/transfer-file';
import type { TransferExportView } from '../../core/api/transfer-methods';
import { shanghaiDate, shanghaiDateTime } from '../../core/calendar';
import { isDaibanError } from '../../core/errors';
import { TRANSFER_VALID_DAYS, type OutboxTransfer } from '../../core/transfer/manifest';
import { appendAudit, getSetting, insertTransferExport, listBlobsToUpload, listTransferExports, pendingMessages } from '../../db';
import type { StationContext } from '../context';
import { SETTINGS } from '../runtime/settings-keys';
import { isReviewTerminal } from '../runtime/terminal-role';
import { transferIdentity, transferRefused } from './keys';

const DAY_MS = 86_400_000;
/** Export files kept on this PC after a new one is written (the last two trips, in case a copy to the stick failed). */
const KEEP_EXPORTS = 2;

/** Where this terminal's transfer files are written before they are saved to a stick. */
export const transferDir = (ctx: StationContext): string => join(ctx.dataDir, 'transfers');

/** 导出待上传数据: a name a cadre can read on the stick, that sorts by time, and is safe on FAT. */
function fileNameOf(divisionCode: string, terminalNo: string, at: string, fileId: string): string {
  const stamp = shanghaiDateTime(at).replace(/[-:]/g, '').replace(' ', '-');
  return `daiban-${divisionCode}-${terminalNo.padStart(2, '0')}-${stamp}-${fileId.slice(-4)}.daiban`;
}

/**
 * Writes everything this village terminal has not sent into one outbox file (docs/transfer-files.md): every
 * pending message in order, the scans they need, the feed cursor, and a key made for this file alone to
 * which the platform encrypts its answer. Signed by the terminal's key, encrypted to the platform's. Nothing in
 * the store changes but the record of the export: the messages stay pending until an answer comes back (by
 * stick or network), so exporting again, or syncing meanwhile, loses and doubles nothing.
 */
export async function exportOutbox(ctx: StationContext, actorId: string): Promise<TransferExportView> {
  if (isReviewTerminal(ctx.db)) throw transferRefused('unavailable', '导出待上传数据由村代办点使用；乡镇终端可以导入村里带来的文件，代为上报。');
  const { enrollment, keys } = transferIdentity(ctx.db);
  const db = ctx.db;
  const messages = pendingMessages(db, 1_000_000).map((m) => ({ id: m.id, kind: m.kind, body: m.body, sha256: m.sha256 }));
  if (messages.length === 0) throw transferRefused('empty', '没有待上传的数据，不需要导出。');
  // A scan this PC cannot read any more goes without its bytes, as it would over the network.
  const blobs: (BlobSource & { size: number })[] = listBlobsToUpload(db)
    .filter((b) => ctx.blobs.has(b.sha256))
    .map((b) => ({ sha256: b.sha256, size: b.size, read: () => ctx.blobs.get(b.sha256) }));
  const at = ctx.clock.now().toISOString();
  const fileId = uuidv7();
  const reply = await newTransferKey();
  const point = ctx.servicePoint();
  const manifest: OutboxTransfer = {
    format: 'daiban-outbox-1',
    fileId,
    terminalId: enrollment.terminalId,
    divisionCode: point.divisionCode,
    terminalNo: point.terminalNo,
    createdAt: at,
    expiresAt: new Date(Date.parse(at) + TRANSFER_VALID_DAYS * DAY_MS).toISOString(),
    cursor: getSetting(db, SETTINGS.changesCursor) ?? '0',
    replyRecipient: reply.recipient,
    messages,
    blobs: blobs.map((b) => ({ sha256: b.sha256, size: b.size })),
  };
  const dir = transferDir(ctx);
  mkdirSync(dir, { recursive: true });
  const fileName = fileNameOf(point.divisionCode, String(point.terminalNo), at, fileId);
  let bytes: number;
  try {
    bytes = await sealTransferToFile({ recipient: keys.transferRecipient, manifest, blobs, sign: (text) => enrollment.signer.sign(text) }, join(dir, fileName));
  } catch (e) {
    if (isDaibanError(e)) throw e;
    ctx.log.error({ err: e }, 'transfer: export failed');
    throw transferRefused('write_failed', '导出文件没有写成功（磁盘空间不足或无法写入），本机数据未受影响，请检查后重试。');
  }
  db.transaction(() => {
    insertTransferExport(db, {
      id: fileId,
      fileName,
      createdAt: at,
      expiresAt: manifest.expiresAt,
      replyIdentity: reply.identity,
      messages: messages.length,
      scans: blobs.length,
      bytes,
      answeredAt: null,
    });
    appendAudit(db, {
      at,
      actorId,
      action: 'transfer_exported',
      entityType: 'transfer',
      entityId: fileId,
      detail: { fileName, messages: messages.length, scans: blobs.length, bytes },
    });
  })();
  // The copy here is only staging for the stick; a village's disk does not keep every trip's scans twice.
  for (const old of listTransferExports(db, 50).slice(KEEP_EXPORTS)) rmSync(join(dir, old.fileName), { force: true });
  ctx.log.info({ fileId, messages: messages.length, scans: blobs.length, bytes, day: shanghaiDate(at) }, 'transfer: outbox file written');
  return { fileId, fileName, bytes, messages: messages.length, scans: blobs.length, createdAt: at, expiresAt: manifest.expiresAt, answeredAt: null };
}
