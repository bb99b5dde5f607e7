import { z } from 'zod';
import {
  createAccountSchema,
  issueCodeSchema,
  resetPasswordSchema,
  stagingSchema,
  terminalChannelSchema,
  type AccountWithPassword,
  type AdminAccountView,
  type CatalogPublishView,
  type DiagnosticsRequestView,
  type EnrollmentCodeView,
  type FleetReport,
  type ReleaseView,
} from '../admin/api';

/**
 * The IT role (运维) on a terminal, online: fleet, enrollment codes, accounts, catalog, releases. The station
 * relays each call to the platform's /admin/v1 API (core/admin/api.ts) with the IT account's session token,
 * which it keeps in memory only. Inputs reuse the platform's schemas, so a refusal reads the same either side.
 */

const empty = z.object({}).strict();
const username = z.string().trim().min(1, '请填写账号').max(64);
const terminalId = z.string().trim().min(1).max(64);
const releaseId = z.string().trim().min(1).max(64);

/** Catalog files are small (the seed is ~60 KB); anything near this is not a catalog. */
export const MAX_CATALOG_JSON_CHARS = 5_000_000;

export const itMethods = {
  /** Whether the platform session is open (waits for one being opened at login). Callable by IT only. */
  'it.status': empty,
  /** Opens the platform session again with the IT account's password (offline at login, or expired). */
  'it.connect': z.object({ password: z.string().min(1, '请输入密码').max(256) }),
  'it.fleet': empty,
  'it.issueCode': issueCodeSchema,
  'it.accounts': empty,
  /** Without `password` the platform generates one, shown once. */
  'it.createAccount': createAccountSchema,
  'it.disableAccount': z.object({ username }),
  'it.resetPassword': resetPasswordSchema.extend({ username }),
  /** The built-in seed catalog, or a catalog file's text (parsed here, checked by the platform). */
  'it.publishCatalog': z.union([
    z.object({ seed: z.literal(true) }),
    z.object({ catalogJson: z.string().min(2, '请选择事项目录文件').max(MAX_CATALOG_JSON_CHARS, '文件太大，不是事项目录文件') }),
  ]),
  'it.releases': empty,
  'it.releaseAction': z.object({ id: releaseId, action: z.enum(['pause', 'resume', 'rollback']) }),
  'it.setStaging': stagingSchema.extend({ id: releaseId }),
  'it.setChannel': terminalChannelSchema.extend({ terminalId }),
  /** Asks the terminal (through its next heartbeat) to send a diagnostics bundle. */
  'it.requestDiagnostics': z.object({ terminalId }),
  /** The newest bundle a terminal sent, as a file to save. */
  'it.diagnostics': z.object({ terminalId }),
} satisfies Record<string, z.ZodType>;

export type ReleaseAction = 'pause' | 'resume' | 'rollback';

/** The IT console's link to the platform. */
export interface ItStatusView {
  /** False on a terminal never enrolled: there is no platform to talk to. */
  enrolled: boolean;
  platformUrl: string | null;
  connected: boolean;
  /** The platform's view of the IT account, once connected. */
  account: AdminAccountView | null;
  /** When the platform session ends. */
  expiresAt: string | null;
  /** Why it is not connected (unreachable, password needed …), in Chinese; null when connected or never tried. */
  problem: { code: string; message: string } | null;
}

/** A file for the IT worker to save (the diagnostics bundle as pretty JSON). */
export interface ItFileView {
  fileName: string;
  mimeType: string;
  dataBase64: string;
  receivedAt: string;
}

/** What each of these methods resolves to. */
export interface ItOutputs {
  'it.status': ItStatusView;
  'it.connect': ItStatusView;
  'it.fleet': FleetReport;
  'it.issueCode': EnrollmentCodeView;
  'it.accounts': AdminAccountView[];
  'it.createAccount': AccountWithPassword;
  'it.disableAccount': AdminAccountView;
  'it.resetPassword': AccountWithPassword;
  'it.publishCatalog': CatalogPublishView;
  'it.releases': ReleaseView[];
  'it.releaseAction': ReleaseView;
  'it.setStaging': ReleaseView;
  'it.setChannel': null;
  'it.requestDiagnostics': DiagnosticsRequestView;
  'it.diagnostics': ItFileView;
}
