import type {
  AccountWithPassword,
  AdminAccountView,
  CatalogPublishView,
  DiagnosticsRequestView,
  EnrollmentCodeView,
  FleetReport,
  ReleaseView,
} from '../../core/admin/api';
import type { ItFileView, ItOutputs } from '../../core/api/it-methods';
import type { StationParsedInput } from '../../core/api/schemas';
import { DaibanError } from '../../core/errors';
import { recordChange } from '../runtime/record-change';
import { isoNow } from '../runtime/clock';
import type { StationContext } from '../context';
import type { Handlers } from '../runtime/handler-type';
import { adminCall, itConnect, itStatus } from './admin-session';
import { IT_MESSAGES } from './messages';
import { requireUser } from '../runtime/guard';

/** Publishing a whole catalog is the one slow admin call (the platform checks and stores every item). */
const CATALOG_TIMEOUT_MS = 60_000;

const seg = (s: string) => encodeURIComponent(s);

/**
 * The terminal's own audit log keeps what its IT user did on the platform from here (the platform keeps its
 * own). Written after the platform accepted, never with a password.
 */
function audit(ctx: StationContext, action: string, entityType: string, entityId: string | null, detail: Record<string, unknown> = {}): void {
  const user = requireUser(ctx, ['it']);
  ctx.db.transaction(() => recordChange(ctx, { at: isoNow(ctx.clock), actorId: user.id, audit: { action, entityType, entityId, detail } }))();
}

async function publishCatalog(ctx: StationContext, input: StationParsedInput<'it.publishCatalog'>): Promise<CatalogPublishView> {
  requireUser(ctx, ['it']);
  let body: unknown;
  if ('seed' in input) {
    body = { seed: true };
  } else {
    let catalog: unknown;
    try {
      catalog = JSON.parse(input.catalogJson);
    } catch {
      throw new DaibanError('INVALID_INPUT', IT_MESSAGES.notCatalogJson, { fields: { catalogJson: IT_MESSAGES.notCatalogJson } });
    }
    body = { catalog };
  }
  const view = await adminCall<CatalogPublishView>(ctx, 'POST', '/catalog', body, CATALOG_TIMEOUT_MS);
  audit(ctx, 'it_catalog_published', 'catalog', view.version, { items: view.items, published: view.published, seed: 'seed' in input });
  return view;
}

/** The newest bundle as a file: pretty JSON, named after the terminal and the time it arrived. */
async function diagnostics(ctx: StationContext, input: StationParsedInput<'it.diagnostics'>): Promise<ItFileView> {
  const r = await adminCall<{ receivedAt: string; bundle: unknown }>(ctx, 'GET', `/terminals/${seg(input.terminalId)}/diagnostics`);
  const stamp = r.receivedAt.replace(/[-:]/g, '').replace(/\.\d+/, '').replace('T', '-').replace('Z', '');
  return {
    fileName: `诊断包-${input.terminalId.slice(0, 8)}-${stamp}.json`,
    mimeType: 'application/json',
    dataBase64: Buffer.from(JSON.stringify(r.bundle, null, 2) + '\n', 'utf8').toString('base64'),
    receivedAt: r.receivedAt,
  };
}

/** `it.*`: the IT console's calls, each relayed to the platform's admin API (station/it/). IT role only. */
export const itHandlers: Handlers<keyof ItOutputs> = {
  'it.status': (ctx) => itStatus(ctx),
  'it.connect': (ctx, input) => itConnect(ctx, input.password),
  'it.fleet': (ctx) => adminCall<FleetReport>(ctx, 'GET', '/fleet'),
  'it.issueCode': async (ctx, input) => {
    const code = await adminCall<EnrollmentCodeView>(ctx, 'POST', '/enrollment-codes', input);
    audit(ctx, 'it_code_issued', 'enrollment_code', null, { divisionCode: code.divisionCode, role: code.role, expiresAt: code.expiresAt });
    return code;
  },
  'it.accounts': (ctx) => adminCall<AdminAccountView[]>(ctx, 'GET', '/accounts'),
  'it.createAccount': async (ctx, input) => {
    const r = await adminCall<AccountWithPassword>(ctx, 'POST', '/accounts', input);
    audit(ctx, 'it_account_created', 'account', r.account.username, { role: r.account.role, divisionCode: r.account.divisionCode });
    return r;
  },
  'it.disableAccount': async (ctx, input) => {
    const r = await adminCall<AdminAccountView>(ctx, 'POST', `/accounts/${seg(input.username)}/disable`, {});
    audit(ctx, 'it_account_disabled', 'account', r.username);
    return r;
  },
  'it.resetPassword': async (ctx, { username, ...body }) => {
    const r = await adminCall<AccountWithPassword>(ctx, 'POST', `/accounts/${seg(username)}/reset-password`, body);
    audit(ctx, 'it_password_reset', 'account', r.account.username);
    return r;
  },
  'it.publishCatalog': publishCatalog,
  'it.releases': (ctx) => adminCall<ReleaseView[]>(ctx, 'GET', '/releases'),
  'it.releaseAction': async (ctx, input) => {
    const r = await adminCall<ReleaseView>(ctx, 'POST', `/releases/${seg(input.id)}/${input.action}`, {});
    audit(ctx, `it_release_${input.action}`, 'release', r.id, { version: r.version, channel: r.channel, state: r.state });
    return r;
  },
  'it.setStaging': async (ctx, { id, ...staging }) => {
    const r = await adminCall<ReleaseView>(ctx, 'PUT', `/releases/${seg(id)}/staging`, staging);
    audit(ctx, 'it_release_staging', 'release', r.id, { percentage: r.stagingPercentage, divisions: r.stagingDivisions });
    return r;
  },
  'it.setChannel': async (ctx, input) => {
    await adminCall<null>(ctx, 'PUT', `/terminals/${seg(input.terminalId)}/channel`, { channel: input.channel });
    audit(ctx, 'it_terminal_channel', 'terminal', input.terminalId, { channel: input.channel });
    return null;
  },
  'it.requestDiagnostics': async (ctx, input) => {
    const r = await adminCall<DiagnosticsRequestView>(ctx, 'POST', `/terminals/${seg(input.terminalId)}/diagnostics`, {});
    audit(ctx, 'it_diagnostics_requested', 'terminal', input.terminalId);
    return r;
  },
  'it.diagnostics': diagnostics,
};
