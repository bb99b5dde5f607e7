import { statSync } from 'node:fs';
import type { DiagnosticsSummaryView } from '../../core/api/diagnostics-methods';
import { getSetting } from '../../db';
import { APP_VERSION } from '../runtime/app-version';
import type { StationContext } from '../context';
import { logFiles } from '../runtime/log-file';
import { SETTINGS } from '../runtime/settings-keys';
import { checkStoreIntegrity } from './integrity';
import { summarizeQueue } from './queue';
import { diskFigures } from '../../base/node/disk';

/** The maintenance screen's view: the same checks and counts as the bundle, without the log lines. */
export async function diagnosticsSummary(ctx: StationContext): Promise<DiagnosticsSummaryView> {
  const db = ctx.db;
  const now = ctx.clock.now();
  const integrity = checkStoreIntegrity(db);
  const queue = summarizeQueue(db, now);
  let logBytes = 0;
  for (const f of logFiles(ctx.dataDir)) {
    try {
      logBytes += statSync(f).size;
    } catch {
      /* rotated away meanwhile */
    }
  }
  return {
    checkedAt: now.toISOString(),
    integrity: {
      ok: integrity.ok,
      quickCheckOk: integrity.quickCheck.ok && integrity.cipher.ok,
      foreignKeyViolations: integrity.foreignKeyViolations,
      auditChainOk: integrity.auditChain.ok,
      auditEntries: integrity.auditChain.entries,
      durationMs: integrity.durationMs,
    },
    queue: {
      drafts: queue.drafts,
      pending: queue.outbox.pending,
      invalid: queue.outbox.invalid,
      conflict: queue.outbox.conflict,
      blobsPending: queue.blobs.pendingUpload,
      oldestPendingAt: queue.outbox.oldestPendingAt,
    },
    sync: {
      enrolled: getSetting(db, SETTINGS.terminalId) !== null,
      lastSuccessAt: getSetting(db, SETTINGS.lastSuccessAt),
      lastAttemptAt: getSetting(db, SETTINGS.lastAttemptAt),
      lastError: getSetting(db, SETTINGS.lastError),
    },
    appVersion: APP_VERSION,
    logBytes,
    freeDiskBytes: (await diskFigures(ctx.dataDir)).freeBytes,
  };
}
