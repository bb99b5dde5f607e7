import type { DiagnosticsRequestView } from '../../core/admin/api';
import type { DiagnosticsBundle } from '../../core/diagnostics/bundle';
import type { PlatformContext } from '../context';
import { isoOf, type Queryable } from '../database/types';
import { invalidInput, notFound } from '../errors';

/** What IT does with diagnostics (the CLI and the admin API call this). */
export interface DiagnosticsAdmin {
  /** Asks the terminal for a bundle; it arrives after its next heartbeat. */
  request(terminalId: string): Promise<DiagnosticsRequestView>;
  /** The newest bundle the terminal sent, or null when it never sent one. */
  latest(terminalId: string): Promise<{ receivedAt: string; bundle: unknown } | null>;
}

/** Bundles kept per terminal: enough to compare before and after a fix, bounded whatever a terminal sends. */
export const BUNDLES_KEPT = 5;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function requireTerminal(db: Queryable, terminalId: string): Promise<string> {
  if (!UUID.test(terminalId)) throw invalidInput('终端编号格式不正确，应为平台分配的 UUID（可用 terminals 命令查看）');
  const [row] = await db.query<{ id: string }>('SELECT id FROM terminals WHERE id = $1', [terminalId.toLowerCase()]);
  if (!row) throw notFound('平台上没有这个终端');
  return row.id;
}

export function createDiagnosticsAdmin(ctx: PlatformContext): DiagnosticsAdmin {
  return {
    async request(terminalId) {
      const id = await requireTerminal(ctx.db, terminalId);
      const at = ctx.now().toISOString();
      await ctx.db.query(
        `INSERT INTO diagnostics_requests (terminal_id, requested_at, fulfilled_at) VALUES ($1, $2, NULL)
         ON CONFLICT (terminal_id) DO UPDATE SET requested_at = excluded.requested_at, fulfilled_at = NULL`,
        [id, at],
      );
      ctx.log.info({ terminalId: id }, 'diagnostics requested');
      return { terminalId: id, requestedAt: at };
    },
    async latest(terminalId) {
      const id = await requireTerminal(ctx.db, terminalId);
      const [row] = await ctx.db.query<{ received_at: unknown; bundle: unknown }>(
        'SELECT received_at, bundle FROM diagnostics_bundles WHERE terminal_id = $1 ORDER BY id DESC LIMIT 1',
        [id],
      );
      if (!row) return null;
      return { receivedAt: isoOf(row.received_at), bundle: typeof row.bundle === 'string' ? (JSON.parse(row.bundle) as unknown) : row.bundle };
    },
  };
}

/** Read by the heartbeat: whether IT is waiting for this terminal's bundle. */
export async function diagnosticsRequested(db: Queryable, terminalId: string): Promise<boolean> {
  const [row] = await db.query<{ id: string }>('SELECT terminal_id AS id FROM diagnostics_requests WHERE terminal_id = $1 AND fulfilled_at IS NULL', [
    terminalId,
  ]);
  return row !== undefined;
}

/** Stores a bundle, marks the request fulfilled and keeps only the newest few; one transaction. */
export async function storeDiagnosticsBundle(ctx: PlatformContext, terminalId: string, bundle: DiagnosticsBundle): Promise<string> {
  const at = ctx.now().toISOString();
  await ctx.db.transaction(async (tx) => {
    await tx.query('INSERT INTO diagnostics_bundles (terminal_id, received_at, bundle) VALUES ($1, $2, $3::jsonb)', [terminalId, at, JSON.stringify(bundle)]);
    await tx.query('UPDATE diagnostics_requests SET fulfilled_at = $2 WHERE terminal_id = $1 AND fulfilled_at IS NULL', [terminalId, at]);
    await tx.query(
      `DELETE FROM diagnostics_bundles WHERE terminal_id = $1 AND id NOT IN
         (SELECT id FROM diagnostics_bundles WHERE terminal_id = $1 ORDER BY id DESC LIMIT ${BUNDLES_KEPT})`,
      [terminalId],
    );
  });
  return at;
}
