import { terminalRoleSchema, type StoreNotice, type TerminalRole } from '../sync/protocol';
import { z } from 'zod';
import { newPasswordSchema } from '../passwords';
import type { AuditFindingKind } from '../sync/audit';

/**
 * The platform's IT administration API (`/admin/v1/…`), shared by the platform's routes, the terminal's
 * proxy (the IT role's screens) and tests. Every call but `POST /admin/v1/session` carries
 * `Authorization: Bearer <token>` from an IT account's session.
 */

export const ADMIN_PREFIX = '/admin/v1';

/** Platforms the release store and the update feeds know (electron-updater's feed file for each). */
export const RELEASE_PLATFORMS = ['win', 'linux', 'linux-arm64'] as const;
export type ReleasePlatform = (typeof RELEASE_PLATFORMS)[number];
export const FEED_FILE: Record<ReleasePlatform, string> = {
  win: 'latest.yml',
  linux: 'latest-linux.yml',
  'linux-arm64': 'latest-linux-arm64.yml',
};

export const RELEASE_STATES = ['active', 'paused', 'rolled_back'] as const;
export type ReleaseState = (typeof RELEASE_STATES)[number];

/** Channels are names a terminal is put on by IT (default `stable`); lower-case ASCII. */
export const channelSchema = z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, '更新通道名称只能用小写字母、数字和连字符');
export const DEFAULT_CHANNEL = 'stable';

const divisionPrefix = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, '区划代码应为2、4、6、9或12位数字');

// ---- session ----
export const adminLoginSchema = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });
export interface AdminSessionView {
  token: string;
  expiresAt: string;
  account: AdminAccountView;
}

// ---- fleet ----
export const FLEET_FLAGS = ['silent', 'conflicts', 'clock_skew', 'disk_low', 'audit_alert', 'store_version', 'disabled'] as const;
export type FleetFlag = (typeof FLEET_FLAGS)[number];
/** Thresholds of the flags (docs/operations.md). */
export const FLEET_THRESHOLDS = {
  silentAfterMs: 3 * 24 * 3600 * 1000,
  clockSkewMs: 5 * 60 * 1000,
  diskLowBytes: 2 * 1024 ** 3,
} as const;

/** The flags' names in Chinese, for the command line and the terminal's IT screen. */
export const FLEET_FLAG_LABELS: Record<FleetFlag, string> = {
  silent: '失联超过3天',
  conflicts: '有数据冲突',
  clock_skew: '时钟偏差超过5分钟',
  disk_low: '磁盘空间不足2GB',
  audit_alert: '审计日志告警',
  store_version: '数据版本回退',
  disabled: '已停用',
};

export interface FleetTerminalView {
  id: string;
  servicePointName: string;
  divisionCode: string;
  /** 华屋村, once the platform has the county's division list; null until then. */
  divisionName: string | null;
  role: TerminalRole;
  channel: string;
  appVersion: string | null;
  enrolledAt: string;
  lastHeartbeatAt: string | null;
  lastSyncAt: string | null;
  queueDepth: number | null;
  invalidCount: number | null;
  freeDiskBytes: number | null;
  /** Terminal clock minus platform clock at the last heartbeat, in seconds (positive: the PC runs fast). */
  clockSkewSeconds: number | null;
  conflicts: number;
  disabled: boolean;
  flags: FleetFlag[];
  /** When the newest diagnostics bundle arrived, and an outstanding request if any. */
  diagnosticsAt: string | null;
  diagnosticsRequestedAt: string | null;
  /** What the platform found wrong with the terminal's audit chain, newest first (at most 5). */
  auditFindings: AuditFindingView[];
  /** A downgrade the terminal refused, or its rollback to a backup, as it reported it (Chinese); null when none. */
  storeNotice: StoreNotice | null;
}
/** A gap, rewrite, truncation or bad hash in a terminal's audit chain (core/sync/audit.ts). */
export interface AuditFindingView {
  kind: AuditFindingKind;
  /** The entry concerned. */
  seq: number;
  /** Chinese, e.g. "第12至14条审计记录缺失". */
  detail: string;
  foundAt: string;
}
export interface FleetReport {
  generatedAt: string;
  terminals: FleetTerminalView[];
  flagCounts: Record<FleetFlag, number>;
}

// ---- enrollment codes ----
export const issueCodeSchema = z.object({
  divisionCode: z.string().regex(/^\d{9}(\d{3})?$/, '区划代码应为9位（乡镇）或12位（村）数字'),
  role: terminalRoleSchema,
  servicePointName: z.string().trim().min(2, '服务点名称太短').max(40),
  ttlHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
});
export interface EnrollmentCodeView {
  code: string;
  divisionCode: string;
  role: TerminalRole;
  servicePointName: string;
  expiresAt: string;
}

// ---- accounts ----
export const ACCOUNT_ROLES = ['cadre', 'reviewer', 'admin', 'it'] as const;
export type AccountRoleName = (typeof ACCOUNT_ROLES)[number];
export interface AdminAccountView {
  username: string;
  displayName: string;
  role: AccountRoleName;
  divisionCode: string;
  divisionName: string | null;
  disabled: boolean;
}
export const createAccountSchema = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{2,31}$/, '账号由3到32位小写字母、数字和下划线组成，以字母开头'),
  displayName: z.string().trim().min(1, '请填写姓名').max(30),
  role: z.enum(ACCOUNT_ROLES),
  divisionCode: divisionPrefix,
  password: newPasswordSchema.optional(),
});
export const resetPasswordSchema = z.object({ password: newPasswordSchema.optional() });
/** A created account or reset password; `password` only when the platform generated it (shown once). */
export interface AccountWithPassword {
  account: AdminAccountView;
  password?: string;
}

// ---- catalog ----
export const publishCatalogSchema = z.union([z.object({ seed: z.literal(true) }), z.object({ catalog: z.unknown() })]);
export interface CatalogPublishView {
  version: string;
  items: number;
  published: boolean;
}

// ---- releases and channels ----
export interface ReleaseFileView {
  platform: ReleasePlatform;
  name: string;
  size: number;
  /** base64, as electron-updater checks it. */
  sha512: string;
}
/** The update feed's field naming the terminal store schema a build ships, and the file beside a build that says it. */
export const STORE_SCHEMA_FIELD = 'daibanStoreSchema';
export const RELEASE_INFO_FILE = 'daiban-release.json';

export interface ReleaseView {
  id: string;
  channel: string;
  version: string;
  state: ReleaseState;
  /** 1–100: the share of terminals (electron-updater's staging by a per-terminal id) offered it. */
  stagingPercentage: number;
  /** Division code prefixes it is limited to (empty: everywhere). */
  stagingDivisions: string[];
  notes: string | null;
  publishedAt: string;
  /** The terminal store schema the build ships (its newest store migration); null when it was not declared. */
  storeSchema: number | null;
  files: ReleaseFileView[];
  /** Terminals that report this version in their heartbeat. */
  installedCount: number;
}
export const stagingSchema = z.object({
  percentage: z.number().int().min(1).max(100),
  divisions: z.array(divisionPrefix).max(50),
});
export const terminalChannelSchema = z.object({ channel: channelSchema });

// ---- diagnostics ----
export interface DiagnosticsRequestView {
  terminalId: string;
  requestedAt: string;
}
