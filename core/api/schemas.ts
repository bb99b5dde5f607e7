import { z } from 'zod';
import { receivedMaterialSchema } from '../catalog/model';
import { DaibanError } from '../errors';
import { APPLICATION_STATUSES } from '../lifecycle';
import { DECISIONS, supplementItemSchema } from '../sync/messages';
import { backupMethods } from './backup-methods';
import { diagnosticsMethods } from './diagnostics-methods';
import { itMethods } from './it-methods';
import { updateMethods } from './update-methods';

/**
 * One zod schema per StationApi method: the input every transport validates at the boundary.
 * Messages a cadre may see are written out; the rest fall back to zod's zh-CN locale.
 */

const id = z.string().min(1).max(64);
const empty = z.object({}).strict();

const personName = z
  .string()
  .trim()
  .min(1, '请填写姓名')
  .max(30, '姓名不能超过30个字')
  .regex(/^[\p{Script=Han}·•.a-zA-Z\s]+$/u, '姓名只能包含汉字、字母和间隔号“·”');
const phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '联系电话应为11位手机号或带区号的固定电话');
const address = z.string().trim().min(2, '地址太短').max(120, '地址不能超过120个字');

export const formatSchema = z.enum(['80mm', 'a4']);
/** handover: 交接清单 (id = list id); supplement_notice: 一次性告知书; result_notice: 办理结果通知书 (id = application id). */
export const documentKindSchema = z.enum(['handover', 'supplement_notice', 'result_notice']);
export type DocumentKind = z.infer<typeof documentKindSchema>;

const coreMethods = {
  'session.login': z.object({
    username: z.string().trim().min(1, '请输入账号').max(64),
    password: z.string().min(1, '请输入密码').max(256),
  }),
  'session.logout': empty,
  'session.current': empty,
  'session.changePassword': z.object({
    oldPassword: z.string().min(1, '请输入原密码').max(256),
    newPassword: z
      .string()
      .min(8, '新密码至少8位')
      .max(256)
      .regex(/[A-Za-z]/, '新密码需同时包含字母和数字')
      .regex(/\d/, '新密码需同时包含字母和数字'),
  }),

  'residents.register': z.object({
    idNumber: z.string().trim().min(1, '请填写身份证号码').max(30),
    name: personName,
    phone: phone.optional(),
    address: address.optional(),
  }),
  'residents.update': z.object({
    id,
    name: personName.optional(),
    phone: phone.nullable().optional(),
    address: address.nullable().optional(),
  }),
  'residents.get': z.object({ id }),
  'residents.search': z.object({
    query: z.string().trim().max(40),
    limit: z.number().int().min(1).max(50).default(20),
  }),

  'catalog.list': z.object({ query: z.string().trim().max(40).optional() }),
  'catalog.get': z.object({ code: z.string().min(1).max(20), version: z.string().max(20).optional() }),

  'applications.createDraft': z.object({ residentId: id, itemCode: z.string().min(1).max(20) }),
  'applications.saveDraft': z.object({
    id,
    form: z.record(z.string(), z.unknown()),
    materials: z.record(z.string(), receivedMaterialSchema),
  }),
  'applications.submit': z.object({ id }),
  'applications.list': z.object({
    status: z.array(z.enum(APPLICATION_STATUSES)).optional(),
    itemCode: z.string().max(20).optional(),
    residentId: id.optional(),
    limit: z.number().int().min(1).max(200).default(50),
    before: z.string().max(200).optional(),
  }),
  'applications.get': z.object({ id }),
  'applications.withdraw': z.object({
    id,
    reason: z.string().trim().min(2, '请填写撤回原因').max(200, '撤回原因不能超过200个字'),
  }),

  'attachments.add': z.object({
    applicationId: id,
    fileName: z.string().trim().min(1).max(200),
    mimeType: z.string().max(100),
    dataBase64: z.string().min(1),
  }),
  'attachments.read': z.object({ id }),

  'receipts.render': z.object({ applicationId: id, format: formatSchema }),
  'receipts.print': z.object({
    applicationId: id,
    format: formatSchema,
    printerId: z.string().min(1).max(200),
    copies: z.number().int().min(1).max(5).default(1),
  }),
  'printers.list': empty,

  'stats.overview': empty,

  // ---- township review (reviewer role, on a township terminal's replica; works offline) ----
  'review.list': z.object({
    villageCode: z.string().regex(/^\d{12}$/).optional(),
    itemCode: z.string().max(20).optional(),
    status: z.array(z.enum(APPLICATION_STATUSES)).optional(),
    overdueOnly: z.boolean().optional(),
    limit: z.number().int().min(1).max(200).default(50),
    before: z.string().max(200).optional(),
  }),
  'review.get': z.object({ id }),
  /** A scanned page: from the local cache, else fetched from the platform (online only). */
  'review.attachment': z.object({ applicationId: id, sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  'review.decide': z
    .object({
      applicationId: id,
      decision: z.enum(DECISIONS),
      reason: z.string().trim().max(500, '理由不能超过500个字').optional(),
      supplement: z
        .object({
          items: z.array(supplementItemSchema).min(1, '请至少列出一项需要补正的内容').max(50),
          note: z.string().trim().max(500).optional(),
        })
        .optional(),
    })
    .refine((d) => d.decision !== 'reject' || (d.reason?.length ?? 0) >= 2, { message: '不予通过时请写明理由', path: ['reason'] })
    .refine((d) => d.decision !== 'request_supplement' || d.supplement !== undefined, {
      message: '退回补正时请列出需要补正的全部内容',
      path: ['supplement'],
    }),

  // ---- handover lists (交接清单): the paper that travels from the village to the township ----
  /** Village: a new list of every sent application not yet on one. */
  'handover.create': empty,
  'handover.list': z.object({ limit: z.number().int().min(1).max(200).default(50) }),
  /** Township: the paper of a list arrived, except what `missing` names. */
  'handover.confirm': z.object({
    listId: id,
    missing: z
      .array(z.object({ applicationId: id, materialKey: z.string().min(1).max(60), note: z.string().trim().max(200).optional() }))
      .max(2000)
      .default([]),
  }),

  // ---- the resident's side of a decision (village) ----
  /** Records the resident's supplement: corrected fields and materials (new scans via attachments.add first). */
  'applications.supplement': z.object({
    id,
    form: z.record(z.string(), z.unknown()),
    materials: z.record(z.string(), receivedMaterialSchema),
    note: z.string().trim().max(500).optional(),
  }),
  /** The resident has been told the result: the application is closed. */
  'applications.complete': z.object({ id }),

  // ---- printed documents besides the receipt ----
  'documents.render': z.object({ kind: documentKindSchema, id }),
  'documents.print': z.object({
    kind: documentKindSchema,
    id,
    printerId: z.string().min(1).max(200),
    copies: z.number().int().min(1).max(5).default(1),
  }),

  /** Counts by item, status and village; average handling time; overdue list (both roles, own data). */
  'stats.report': z.object({
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  }),

  /** First run: the platform's address and the one-time code IT staff gave the service point. */
  'sync.enroll': z.object({
    platformUrl: z
      .string()
      .trim()
      .min(1, '请填写省级平台地址')
      .max(200)
      .regex(/^https?:\/\/[^\s/]+(:\d+)?(\/[^\s]*)?$/i, '平台地址应以 http:// 或 https:// 开头，例如 https://daiban.gov.cn'),
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9-]{6,64}$/, '注册码由字母和数字组成，请按运维人员给出的注册码填写'),
  }),
  /** Callable before login: the login screen needs to know whether the terminal is enrolled. */
  'sync.status': empty,
  /** Runs a sync now and resolves when it ends (progress arrives as `sync.status` push events meanwhile). */
  'sync.now': empty,
} as const;

/** Every method: the terminal's own, then IT operations (fleet, diagnostics, backups, updates). */
export const stationMethods = { ...coreMethods, ...itMethods, ...diagnosticsMethods, ...backupMethods, ...updateMethods } as const;

export type StationMethod = keyof typeof stationMethods;
export type StationInput<M extends StationMethod> = z.input<(typeof stationMethods)[M]>;
export type StationParsedInput<M extends StationMethod> = z.output<(typeof stationMethods)[M]>;

export const STATION_METHODS = Object.keys(stationMethods) as StationMethod[];

export function isStationMethod(name: string): name is StationMethod {
  return Object.hasOwn(stationMethods, name);
}

/**
 * Validates a call's input against its method's schema; a refusal is INVALID_INPUT with one message per
 * field (`details.fields`), the first of them as the message. Every transport and the station use this.
 */
export function parseStationInput<M extends StationMethod>(method: M, input: unknown): StationParsedInput<M> {
  if (!isStationMethod(method)) throw new DaibanError('INVALID_INPUT', `未知的操作：${String(method)}`);
  const parsed = stationMethods[method].safeParse(input ?? {});
  if (parsed.success) return parsed.data as StationParsedInput<M>;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
  throw new DaibanError('INVALID_INPUT', Object.values(fields)[0] ?? '输入内容不正确', { fields });
}
