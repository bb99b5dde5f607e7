import { publicKeyFromRaw, verifyEd25519 } from '../../base/node/ed25519';
import { openTransfer, signedText, TransferFileError } from '../../base/node/transfer-file';
import type { TransferImportView } from '../../core/api/transfer-methods';
import { shanghaiDateTime } from '../../core/calendar';
import { LIMITS_TRANSFER, returnTransferSchema, type ReturnTransfer } from '../../core/transfer/manifest';
import {
  appendAudit,
  findMessage,
  findTransferExport,
  findTransferImport,
  insertTransferImport,
  listBlobsToUpload,
  listTransferExports,
  markBlobComplete,
  markTransferAnswered,
  type OutboxMessage,
} from '../../db';
import type { StationContext } from '../context';
import { isReviewTerminal } from '../runtime/terminal-role';
import { applyChangesPage, type PageEffects } from '../sync/apply-changes';
import { settleBatch } from '../sync/settle-batch';
import { transferIdentity, transferRefused } from './keys';

/** Opens a return file with the reply keys of this terminal's exports, and checks it is the platform's answer to one of them. */
async function openReturn(ctx: StationContext, path: string): Promise<ReturnTransfer> {
  const { enrollment, keys } = transferIdentity(ctx.db);
  const identities = listTransferExports(ctx.db, 200).map((e) => e.replyIdentity);
  let opened;
  try {
    opened = await openTransfer(path, identities, { maxManifestBytes: LIMITS_TRANSFER.manifestBytes });
  } catch (e) {
    if (!(e instanceof TransferFileError)) throw e;
    throw e.reason === 'foreign'
      ? transferRefused('foreign', '这个文件不是本机导出数据的回执（可能是别的村或别的终端的），不能导入。')
      : transferRefused(e.reason, e.message);
  }
  const parsed = returnTransferSchema.safeParse(opened.manifest);
  if (!parsed.success) throw transferRefused('damaged', '回执文件的内容不符合格式，可能来自不兼容的版本或已损坏。');
  const key = publicKeyFromRaw(keys.signingKey);
  if (!key || !verifyEd25519(key, signedText(opened.digestHex), opened.signature)) {
    throw transferRefused('tampered', '回执文件的签名不是省级平台的：文件被改动过，或不是平台出具的。未导入任何内容。');
  }
  const r = parsed.data;
  if (r.terminalId !== enrollment.terminalId || !findTransferExport(ctx.db, r.answers)) {
    throw transferRefused('foreign', '这个回执文件不是给本机的，不能导入。');
  }
  if (Date.parse(r.expiresAt) < ctx.clock.now().getTime()) {
    throw transferRefused('expired', `这个回执文件已过期（${shanghaiDateTime(r.expiresAt)} 前有效），请联网同步，或重新导出后再带去上报。`);
  }
  const earlier = findTransferImport(ctx.db, r.fileId);
  if (earlier) throw transferRefused('replayed', `这个回执文件已于 ${shanghaiDateTime(earlier.importedAt)} 导入过，不再重复导入。`);
  return r;
}

/**
 * A return file, on the village terminal that wrote the outbox file it answers: the verdicts settle the
 * messages still pending (one already settled by the network or another trip is left alone), the scans the
 * platform now has leave the upload queue, and each feed page is applied with its cursor, passing over what
 * this terminal already has (apply-changes.ts). Refused whole, before anything is written, when it is not the
 * platform's, not for this terminal, expired, or imported before.
 */
export async function importReturnFile(
  ctx: StationContext,
  path: string,
  fileName: string,
  o: { actorId: string; announce(effects: PageEffects): void },
): Promise<TransferImportView> {
  const r = await openReturn(ctx, path);
  const db = ctx.db;
  const at = ctx.clock.now().toISOString();
  const sent = r.results.map((x) => findMessage(db, x.id)).filter((m): m is OutboxMessage => m !== null && m.status === 'pending');
  const tally = settleBatch(db, r.fileId, sent, r.results, at);
  const sizes = new Map(listBlobsToUpload(db).map((b) => [b.sha256, b.size]));
  db.transaction(() => {
    for (const sha256 of r.blobs) if (sizes.has(sha256)) markBlobComplete(db, sha256, sizes.get(sha256)!, at);
  })();
  let changes = 0;
  for (const page of r.pages) {
    const effects = applyChangesPage(db, page.changes, page.cursor, at, ctx.log);
    changes += effects.applied + effects.skipped + effects.kept;
    o.announce(effects);
  }
  const view: TransferImportView = {
    id: r.fileId,
    kind: 'return',
    fileName,
    importedAt: at,
    messages: r.results.length,
    accepted: tally.accepted,
    duplicate: tally.duplicate,
    invalid: tally.invalid + tally.conflict,
    changes,
    villageName: null,
    returnFileName: null,
  };
  db.transaction(() => {
    insertTransferImport(db, { id: r.fileId, kind: 'return', fileName, importedAt: at, summary: { ...view }, returnFile: null });
    markTransferAnswered(db, r.answers, at);
    appendAudit(db, {
      at,
      actorId: o.actorId,
      action: 'transfer_return_imported',
      entityType: 'transfer',
      entityId: r.fileId,
      detail: { answers: r.answers, ...tally, changes },
    });
  })();
  ctx.log.info({ fileId: r.fileId, answers: r.answers, ...tally, changes }, 'transfer: return file imported');
  return view;
}

/** What the relay hands the platform and gets back (the agent's signed client; station/sync/agent.ts). */
export interface Relay {
  (path: string): Promise<{
    returnFile: Buffer;
    returnFileId: string;
    villageCode: string;
    messages: number;
    accepted: number;
    duplicate: number;
    invalid: number;
    changes: number;
  }>;
}

/**
 * A township terminal relays a village's outbox file to the platform now (it must be online) and keeps the
 * village's return file for the trip back (`transfer.read` by its name). The township cannot read the file:
 * it is encrypted to the platform, which checks that the village is in this township.
 */
export async function relayOutboxFile(
  ctx: StationContext,
  path: string,
  fileName: string,
  o: { actorId: string; relay: Relay; villageName(code: string): string | null },
): Promise<TransferImportView> {
  if (!isReviewTerminal(ctx.db)) throw transferRefused('unavailable', '村代办点联网后会自动上报；本机只能导入省级平台出具的回执文件。');
  const done = await o.relay(path);
  const at = ctx.clock.now().toISOString();
  const returnFileName = `daiban-return-${done.villageCode}-${done.returnFileId.slice(-8)}.daiban`;
  const view: TransferImportView = {
    id: done.returnFileId,
    kind: 'relay',
    fileName,
    importedAt: at,
    messages: done.messages,
    accepted: done.accepted,
    duplicate: done.duplicate,
    invalid: done.invalid,
    changes: done.changes,
    villageName: o.villageName(done.villageCode),
    returnFileName,
  };
  ctx.db.transaction(() => {
    insertTransferImport(ctx.db, {
      id: done.returnFileId,
      kind: 'relay',
      fileName,
      importedAt: at,
      summary: { ...view },
      returnFile: done.returnFile.toString('base64'),
    });
    appendAudit(ctx.db, {
      at,
      actorId: o.actorId,
      action: 'transfer_relayed',
      entityType: 'transfer',
      entityId: done.returnFileId,
      detail: { villageCode: done.villageCode, messages: done.messages, accepted: done.accepted, duplicate: done.duplicate },
    });
  })();
  return view;
}
