import type { StationContext } from '../context';
import { buildDiagnosticsBundle, type SyncHealth } from '../diagnostics/build';
import { isSyncError } from './errors';
import type { SyncRun } from './run';

/**
 * IT asked for this terminal's diagnostics bundle (the heartbeat's answer said so): build it and send it,
 * gzipped and signed. Telemetry like the heartbeat: a failure is logged and asked again next heartbeat,
 * never turned into a failed sync.
 */
export async function sendDiagnostics(run: SyncRun, ctx: StationContext, o: { appVersion: string; health: SyncHealth }): Promise<void> {
  try {
    const bundle = await buildDiagnosticsBundle(ctx, o);
    await run.client.call({ method: 'POST', path: '/v1/diagnostics', json: bundle, gzip: true });
    run.log.info({ integrityOk: bundle.integrity.ok, logLines: bundle.logs.lines.length }, 'sync: diagnostics bundle sent');
  } catch (e) {
    if (isSyncError(e) && e.kind === 'aborted') throw e;
    run.log.warn({ err: e }, 'sync: diagnostics bundle not sent');
  }
}
