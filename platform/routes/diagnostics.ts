import type { FastifyInstance } from 'fastify';
import { diagnosticsBundleSchema } from '../../core/diagnostics/bundle';
import { LIMITS } from '../../core/sync/protocol';
import { terminalOf } from '../auth/signed-request';
import { readJsonBody } from '../body';
import type { PlatformContext } from '../context';
import { storeDiagnosticsBundle } from '../diagnostics';
import { invalidInput } from '../errors';

/**
 * Terminals send the diagnostics bundle IT asked for (signed, usually gzipped): validated against the
 * bundle's schema, at most 1 MiB on the wire and after inflating (readJsonBody), stored as jsonb.
 */
export function registerDiagnostics(app: FastifyInstance, ctx: PlatformContext): void {
  app.post('/v1/diagnostics', { bodyLimit: LIMITS.requestBodyBytes }, async (request, reply) => {
    const terminal = terminalOf(request);
    const bundle = await readJsonBody(request, diagnosticsBundleSchema);
    if (bundle.terminal.id !== null && bundle.terminal.id.toLowerCase() !== terminal.id.toLowerCase()) {
      throw invalidInput('诊断包中的终端编号与签名终端不一致');
    }
    await storeDiagnosticsBundle(ctx, terminal.id, bundle);
    ctx.log.info({ terminalId: terminal.id, integrityOk: bundle.integrity.ok }, 'diagnostics bundle received');
    return reply.code(204).send();
  });
}
