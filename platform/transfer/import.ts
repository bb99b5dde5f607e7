import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { publicKeyFromRaw, verifyEd25519 } from '../../base/node/ed25519';
import { openTransfer, sealTransfer, signedText, TransferFileError } from '../../base/node/transfer-file';
import { shanghaiDateTime } from '../../core/calendar';
import { LIMITS } from '../../core/sync/protocol';
import type { OutboxMessage, OutboxResult, TerminalRole } from '../../core/sync/protocol';
import {
  LIMITS_TRANSFER,
  outboxTransferSchema,
  TRANSFER_VALID_DAYS,
  type FeedPage,
  type OutboxTransfer,
  type ReturnTransfer,
} from '../../core/transfer/manifest';
import { withinJurisdiction } from '../auth/jurisdiction';
import type { AuthenticatedTerminal } from '../auth/signed-request';
import type { PlatformContext } from '../context';
import { PlatformError } from '../errors';
import { ingestBatch } from '../ingest/ingest-batch';
import { readFeedPage } from '../routes/changes';
import { platformTransferKeys } from './keys';
import { storeWholeBlob } from './store-blob';

/**
 * Imports a village's outbox file (docs/transfer-files.md) and answers with its return file: exactly the
 * network path's semantics, through the network path's own functions. The scans are stored as if uploaded,
 * the messages go through `ingestBatch` under the terminal's identity in batches the route would take (so a
 * file imported twice is answered `duplicate`), and the return file carries the terminal's feed pages from the
 * cursor it wrote, read by the route's `readFeedPage`.
 *
 * Nothing is written before the whole file has been read and its signature checked against the terminal's
 * registered key: the file is read twice, once to check, once to store.
 */

const DAY_MS = 86_400_000;

function refused(reason: string, message: string, status = 422): PlatformError {
  return new PlatformError(status, 'TRANSFER_REFUSED', message, { reason });
}

function asRefusal(e: unknown): unknown {
  return e instanceof TransferFileError ? refused(e.reason, e.message) : e;
}

interface Sender {
  id: string;
  divisionCode: string;
  role: TerminalRole;
  disabled: boolean;
}

/** Pass one: decrypt, read every frame, check each scan's bytes and the sender's signature. Writes nothing. */
async function check(
  ctx: PlatformContext,
  source: string | Buffer,
  identity: string,
): Promise<{ manifest: OutboxTransfer; sender: Sender; digestHex: string }> {
  let badBlob = false;
  const opened = await openTransfer(source, [identity], {
    maxManifestBytes: LIMITS_TRANSFER.manifestBytes,
    onBlob: (sha256, data) => {
      if (createHash('sha256').update(data).digest('hex') !== sha256) badBlob = true;
    },
  }).catch((e: unknown) => Promise.reject(asRefusal(e)));
  const parsed = outboxTransferSchema.safeParse(opened.manifest);
  if (!parsed.success) throw refused('damaged', '文件的内容清单不符合格式，可能来自不兼容的版本或已损坏');
  const manifest = parsed.data;
  const [row] = await ctx.db.query<{ id: string; division_code: string; role: TerminalRole; public_key: string; disabled: boolean }>(
    'SELECT id, division_code, role, public_key, disabled FROM terminals WHERE id = $1',
    [manifest.terminalId],
  );
  if (!row) throw refused('foreign', '这个文件来自一台省级平台不认识的终端，不能导入');
  const key = publicKeyFromRaw(row.public_key);
  if (!key || !verifyEd25519(key, signedText(opened.digestHex), opened.signature)) {
    throw refused('tampered', '文件的签名与导出它的终端对不上：文件被改动过，或不是那台终端导出的。平台拒绝导入，什么也没有写入');
  }
  if (badBlob) throw refused('damaged', '文件中有扫描件已损坏，请重新导出');
  const listed = new Map(manifest.blobs.map((b) => [b.sha256, b.size]));
  if (opened.blobs.length !== listed.size || opened.blobs.some((b) => listed.get(b.sha256) !== b.size)) {
    throw refused('damaged', '文件中的扫描件与内容清单不一致，请重新导出');
  }
  if (manifest.divisionCode !== row.division_code || row.role !== 'village') throw refused('tampered', '文件所属的村与导出它的终端不一致，平台拒绝导入');
  return {
    manifest,
    sender: { id: row.id, divisionCode: row.division_code, role: row.role, disabled: row.disabled },
    digestHex: opened.digestHex,
  };
}

/** The messages in batches `POST /v1/outbox` would take: at most its count and its bytes each. */
function batches(messages: OutboxMessage[]): OutboxMessage[][] {
  const out: OutboxMessage[][] = [];
  let current: OutboxMessage[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = Buffer.byteLength(m.body, 'utf8') + 200;
    if (current.length > 0 && (current.length >= LIMITS.outboxBatchMessages || bytes + size > LIMITS.outboxBatchBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** The terminal's feed from `after`, page by page, up to the return file's share. */
async function pagesFrom(ctx: PlatformContext, terminal: { id: string; divisionCode: string }, after: string): Promise<FeedPage[]> {
  const pages: FeedPage[] = [];
  let cursor = after;
  let total = 0;
  for (;;) {
    const page = await readFeedPage(ctx.db, terminal, cursor, LIMITS.changesPageSize);
    pages.push({ after: cursor, ...page });
    total += page.changes.length;
    cursor = page.cursor;
    if (!page.more || total >= LIMITS_TRANSFER.changes) return pages;
  }
}

export interface TransferImport {
  returnFile: Buffer;
  returnFileId: string;
  terminal: { id: string; divisionCode: string };
  messages: number;
  blobs: number;
  tally: Record<OutboxResult['result'], number>;
  changes: number;
}

/**
 * `source` is a path (an upload spooled to disk, a file named on the command line) or the bytes. `relayedBy`
 * is the township terminal that brought it, which must have the village in its jurisdiction.
 */
export async function importOutboxFile(ctx: PlatformContext, source: string | Buffer, o: { relayedBy?: AuthenticatedTerminal } = {}): Promise<TransferImport> {
  const keys = await platformTransferKeys(ctx);
  const { manifest, sender, digestHex } = await check(ctx, source, keys.identity);
  if (sender.disabled) throw refused('disabled', '导出这个文件的终端已被停用，平台不接收它的数据；请联系县级运维人员', 403);
  if (o.relayedBy && !withinJurisdiction(o.relayedBy.divisionCode, sender.divisionCode)) {
    throw refused('foreign', '这个文件来自不属于本乡镇的村，本终端不能代为导入', 403);
  }
  const now = ctx.now();
  if (Date.parse(manifest.expiresAt) < now.getTime())
    throw refused('expired', `这个文件已过期（${shanghaiDateTime(manifest.expiresAt)} 前有效），请在村里重新导出`);
  const at = now.toISOString();

  // Pass two: the scans, checked again as they are stored (the file was read once more from its source).
  let stored = 0;
  const second = await openTransfer(source, [keys.identity], {
    maxManifestBytes: LIMITS_TRANSFER.manifestBytes,
    onBlob: async (sha256, data) => {
      if (createHash('sha256').update(data).digest('hex') !== sha256) throw new TransferFileError('damaged', '文件中有扫描件已损坏，请重新导出');
      if (await storeWholeBlob(ctx.db, { divisionCode: sender.divisionCode, sha256, data, terminalId: sender.id, at })) stored++;
    },
  }).catch((e: unknown) => Promise.reject(asRefusal(e)));
  if (second.digestHex !== digestHex) throw refused('tampered', '文件在导入过程中被改动了，请重新导入');

  const identity: AuthenticatedTerminal = { id: sender.id, divisionCode: sender.divisionCode, role: sender.role };
  const results: OutboxResult[] = [];
  for (const messages of batches(manifest.messages)) results.push(...(await ingestBatch(ctx, identity, { batchId: uuidv7(), messages })));
  const pages = await pagesFrom(ctx, identity, manifest.cursor);

  const returnFileId = uuidv7();
  const answer: ReturnTransfer = {
    format: 'daiban-return-1',
    fileId: returnFileId,
    answers: manifest.fileId,
    terminalId: sender.id,
    createdAt: at,
    expiresAt: new Date(now.getTime() + TRANSFER_VALID_DAYS * DAY_MS).toISOString(),
    results,
    blobs: manifest.blobs.map((b) => b.sha256),
    pages,
    serverTime: at,
  };
  const returnFile = await sealTransfer({ recipient: manifest.replyRecipient, manifest: answer, blobs: [], sign: keys.sign });
  await ctx.db.query(
    `INSERT INTO transfer_imports (file_id, terminal_id, relayed_by, messages, blobs, return_file_id, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [manifest.fileId, sender.id, o.relayedBy?.id ?? null, manifest.messages.length, manifest.blobs.length, returnFileId, at],
  );
  const tally = { accepted: 0, duplicate: 0, conflict: 0, invalid: 0 };
  for (const r of results) tally[r.result]++;
  ctx.log.info({ fileId: manifest.fileId, terminalId: sender.id, relayedBy: o.relayedBy?.id, ...tally, blobsStored: stored }, 'transfer file imported');
  return {
    returnFile,
    returnFileId,
    terminal: { id: sender.id, divisionCode: sender.divisionCode },
    messages: manifest.messages.length,
    blobs: manifest.blobs.length,
    tally,
    changes: pages.reduce((n, p) => n + p.changes.length, 0),
  };
}
