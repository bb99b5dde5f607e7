import { readStoreNotice } from '../runtime/store-notice';
import type { DiagnosticsOutputs } from '../../core/api/diagnostics-methods';
import { exportDiagnostics, type SyncHealth } from './build';
import { diagnosticsSummary } from './summary';
import type { Handlers } from '../runtime/handler-type';
import { requireUser } from '../runtime/guard';

/**
 * Any logged-in user may export or view diagnostics: the bundle holds counts, versions, check results and
 * scrubbed log lines, no resident's personal data, and a village terminal often has one account only.
 */
export function diagnosticsHandlers(sync: { health(): SyncHealth }): Handlers<keyof DiagnosticsOutputs> {
  return {
    'diagnostics.export': async (ctx) => {
      const user = requireUser(ctx);
      const file = await exportDiagnostics(ctx, { health: sync.health() });
      ctx.log.info(
        { userId: user.id, fileName: file.fileName, bytes: file.data.length, integrityOk: file.bundle.integrity.ok },
        'diagnostics: bundle exported',
      );
      return { fileName: file.fileName, dataBase64: file.data.toString('base64'), bytes: file.data.length };
    },
    'diagnostics.summary': (ctx) => {
      requireUser(ctx);
      return diagnosticsSummary(ctx);
    },
    // Before login too: the banner must show on the login screen of a damaged store.
    'diagnostics.storeState': (ctx) => {
      const s = ctx.storeIntegrity();
      return { state: s.state, checkedAt: s.state === 'checking' ? null : s.checkedAt, notice: readStoreNotice(ctx.db, ctx.appVersion) };
    },
  };
}
