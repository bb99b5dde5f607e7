import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TRANSFER_PART_BYTES, type TransferImportView } from '../../core/api/transfer-methods';
import { DaibanError } from '../../core/errors';
import { TRANSFER_LIMITS } from '../../core/sync/protocol';
import { countBlobsToUpload, countPending, findTransferExportByName, heldReturnFile, listTransferExports, listTransferImports } from '../../db';
import { divisionNames } from '../divisions/names';
import type { StationContext } from '../context';
import { requireUser } from '../runtime/guard';
import type { Handlers } from '../runtime/handler-type';
import { isReviewTerminal } from '../runtime/terminal-role';
import type { PageEffects } from '../sync/apply-changes';
import { exportOutbox, transferDir } from './export';
import { importReturnFile, relayOutboxFile, type Relay } from './import';

/** What the handlers need of the sync agent: a relay to the platform, and the app's reaction to pages that came on a stick. */
export interface TransferServices {
  relay: Relay;
  announce(effects: PageEffects): void;
  /** The queue changed outside a sync run: the top bar and the sync panel must hear it. */
  statusChanged(): void;
}

const incomingPath = (ctx: StationContext, uploadId: string) => join(transferDir(ctx), 'incoming', uploadId);

/** A part of a file at `offset`, base64, and whether it was the last. */
function readPart(bytes: Buffer | string, offset: number): { dataBase64: string; done: boolean; size: number } {
  if (typeof bytes !== 'string') {
    const part = bytes.subarray(offset, offset + TRANSFER_PART_BYTES);
    return { dataBase64: part.toString('base64'), done: offset + part.length >= bytes.length, size: bytes.length };
  }
  const size = statSync(bytes).size;
  const fd = openSync(bytes, 'r');
  try {
    const part = Buffer.alloc(Math.max(0, Math.min(TRANSFER_PART_BYTES, size - offset)));
    readSync(fd, part, 0, part.length, offset);
    return { dataBase64: part.toString('base64'), done: offset + part.length >= size, size };
  } finally {
    closeSync(fd);
  }
}

/** The import's record as the list shows it. */
const importView = (summary: Record<string, unknown>): TransferImportView => summary as unknown as TransferImportView;

export function transferHandlers(
  services: TransferServices,
): Handlers<'transfer.export' | 'transfer.read' | 'transfer.upload' | 'transfer.import' | 'transfer.list'> {
  return {
    'transfer.export': async (ctx) => exportOutbox(ctx, requireUser(ctx).id),

    /** An export this terminal wrote, or (township) a village's return file it holds, by name. */
    'transfer.read': (ctx, input) => {
      requireUser(ctx);
      const path = join(transferDir(ctx), input.fileName);
      if (findTransferExportByName(ctx.db, input.fileName) && existsSync(path)) return readPart(path, input.offset);
      const held = heldReturnFile(ctx.db, input.fileName);
      if (held) return readPart(Buffer.from(held, 'base64'), input.offset);
      throw new DaibanError('NOT_FOUND', '找不到这个传输文件，可能已被清理，请重新导出。', { fileName: input.fileName });
    },

    /** Parts arrive in order; one sent again (a retried call) is taken once. */
    'transfer.upload': (ctx, input) => {
      requireUser(ctx);
      const path = incomingPath(ctx, input.uploadId);
      const incoming = join(transferDir(ctx), 'incoming');
      mkdirSync(incoming, { recursive: true });
      // A file picked and abandoned half-read (the window closed) is not kept past a day.
      if (input.offset === 0) {
        const dayAgo = Date.now() - 86_400_000;
        for (const name of readdirSync(incoming)) if (statSync(join(incoming, name)).mtimeMs < dayAgo) rmSync(join(incoming, name), { force: true });
      }
      const have = existsSync(path) ? statSync(path).size : 0;
      const data = Buffer.from(input.dataBase64, 'base64');
      if (input.offset + data.length <= have) return { received: have };
      if (input.offset !== have) throw new DaibanError('INVALID_INPUT', '文件分段的顺序不对，请重新选择文件导入。', { expected: have });
      if (have + data.length > TRANSFER_LIMITS.fileBytes) throw new DaibanError('INVALID_INPUT', '文件太大，不是代办的传输文件。');
      appendFileSync(path, data, { mode: 0o600 });
      return { received: have + data.length };
    },

    'transfer.import': async (ctx, input) => {
      const user = requireUser(ctx);
      const path = incomingPath(ctx, input.uploadId);
      if (!existsSync(path)) throw new DaibanError('NOT_FOUND', '文件还没有读进来，请重新选择文件导入。');
      try {
        if (isReviewTerminal(ctx.db)) {
          const names = divisionNames(ctx);
          return await relayOutboxFile(ctx, path, input.fileName, {
            actorId: user.id,
            relay: services.relay,
            villageName: (code) => names.name(code) ?? names.servicePoint(code),
          });
        }
        const done = await importReturnFile(ctx, path, input.fileName, { actorId: user.id, announce: services.announce });
        services.statusChanged();
        return done;
      } finally {
        rmSync(path, { force: true });
      }
    },

    'transfer.list': (ctx) => {
      requireUser(ctx);
      const exports = listTransferExports(ctx.db, 20).map(({ replyIdentity: _secret, id, ...e }) => ({ fileId: id, ...e }));
      return {
        exports,
        imports: listTransferImports(ctx.db, 20).map((i) => importView(i.summary)),
        pending: countPending(ctx.db),
        pendingScans: countBlobsToUpload(ctx.db),
      };
    },
  };
}
