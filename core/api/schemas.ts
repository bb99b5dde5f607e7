import { RECEIPT_CODE_MAX_LENGTH } from '../receipt-code';
import { z } from 'zod';
import { isValidDate } from '../calendar';
import { receivedMaterialSchema } from '../catalog/model';
import { DaibanError } from '../errors';
import { APPLICATION_STATUSES } from '../lifecycle';
import { newPasswordSchema } from '../passwords';
import { checkInput, firstRefusal } from '../refusal';
import { textField } from '../text';
import { DECISIONS, supplementItemSchema } from '../sync/messages';
import { backupMethods } from './backup-methods';
import { diagnosticsMethods } from './diagnostics-methods';
import { itMethods } from './it-methods';
import { updateMethods } from './update-methods';
import { idCardMethods } from './id-card-methods';
import { ratingMethods } from './rating-methods';
import { transferMethods } from './transfer-methods';
import { HOUSEHOLD_RELATIONS } from '../households';

/**
 * One zod schema per StationApi method: the input every transport validates at the boundary.
 * Every free-text value a person types goes through core/text.ts's rule (`textField`); messages a cadre
 * may see are written out, and core/refusal.ts words the rest, naming the field.
 */

const id = z.string().min(1).max(64);
const empty = z.object({}).strict();

const personName = textField('姓名', { max: 30, min: { length: 1, message: '请填写姓名' } }).pipe(
  z.string().regex(/^[\p{Script=Han}·•.a-zA-Z\s]+$/u, '姓名只能包含汉字、字母和间隔号“·”'),
);
const phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '联系电话应为11位手机号或带区号的固定电话');
const address = textField('地址', { max: 120, min: { length: 2, message: '地址太短' } });
/** A reason or note a person writes: several lines allowed, up to `max` characters. */
const note = (label: string, max: number) => textField(label, { max, multiline: true });
const day = z.string().refine(isValidDate, '日期应为如2026-12-01的有效日期');
/** A statistics period: Shanghai days, both ends included; the station defaults to this year up to today. */
const statsPeriod = z.object({ from: day.optional(), to: day.optional() });

export const formatSchema = z.enum(['80mm', 'a4']);
/**
 * handover: 交接清单 (id = list id); supplement_notice: 一次性告知书; result_notice: 办理结果通知书;
 * intake_notice: 一次性告知单 of a draft missing required materials (id = application id).
 */
export const documentKindSchema = z.enum(['handover', 'supplement_notice', 'result_notice', 'intake_notice']);
export type DocumentKind = z.infer<typeof documentKindSchema>;

const coreMethods = {
  'session.login': z.object({
    username: textField('账号', { max: 64, min: { length: 1, message: '请输入账号' } }),
    password: textField('密码', { max: 256, raw: true, min: { length: 1, message: '请输入密码' } }),
    /** IT staff log in online, against the platform: no IT credential is kept on a terminal. */
    itStaff: z.boolean().optional(),
  }),
  'session.logout': empty,
  'session.current': empty,
  'session.changePassword': z.object({
    oldPassword: textField('原密码', { max: 256, raw: true, min: { length: 1, message: '请输入原密码' } }),
    newPassword: textField('新密码', { max: 256, raw: true }).pipe(newPasswordSchema),
  }),
  'session.lock': empty,
  'session.unlock': z.object({ password: textField('密码', { max: 256, raw: true, min: { length: 1, message: '请输入密码' } }) }),
  'session.setDisplay': z.object({ fontSize: z.enum(['standard', 'large', 'xlarge']), highContrast: z.boolean() }),
  'session.setIdleLock': z.object({ minutes: z.number().int().min(1, '锁屏时间至少1分钟').max(60, '锁屏时间最多60分钟') }),

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
    query: textField('查询内容', { max: 40 }),
    limit: z.number().int().min(1).max(50).default(20),
  }),

  'households.ofResident': z.object({ residentId: id }),
  'households.save': z.object({
    /** Absent for a new household. */
    id: id.optional(),
    members: z
      .array(z.object({ residentId: id, relation: z.enum(HOUSEHOLD_RELATIONS) }))
      .min(1, '一户至少有户主一人')
      .max(30, '一户最多30人'),
    /** Members already in another household are moved out of it (the cadre was told and agreed). */
    moveMembers: z.boolean().optional(),
  }),

  'catalog.list': z.object({ query: textField('查询内容', { max: 40 }).optional() }),
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
    /** The applicant's name, pinyin, initials or ID digits, or a receipt number (or part of one). */
    query: textField('查找条件', { max: 40 }).optional(),
    limit: z.number().int().min(1).max(200).default(50),
    before: z.string().max(200).optional(),
  }),
  'applications.get': z.object({ id }),
  'applications.withdraw': z.object({
    id,
    reason: textField('撤回原因', { max: 200, multiline: true, min: { length: 2, message: '请填写撤回原因' } }),
  }),

  'attachments.add': z.object({
    applicationId: id,
    fileName: textField('文件名', { max: 200, min: { length: 1, message: '缺少文件名' } }),
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
  /** What a scanner typed off a receipt's or a notice's QR code (a bare code or a URL holding one). */
  'receipts.verify': z.object({ scanned: z.string().min(1, '请扫描或输入回执上的二维码内容').max(RECEIPT_CODE_MAX_LENGTH, '扫码内容太长，不是回执二维码') }),
  /** `for`: which document is about to be printed, so the printer last used for it comes first. */
  'printers.list': z.object({ for: z.enum(['receipt', 'ledger', ...documentKindSchema.options]).optional() }),

  'stats.overview': empty,

  // ---- township review (reviewer role, on a township terminal's replica; works offline) ----
  'review.list': z.object({
    villageCode: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    itemCode: z.string().max(20).optional(),
    status: z.array(z.enum(APPLICATION_STATUSES)).optional(),
    overdueOnly: z.boolean().optional(),
    /** A batch id (core/review-batch.ts). */
    batch: z.string().max(80).optional(),
    limit: z.number().int().min(1).max(200).default(50),
    before: z.string().max(200).optional(),
  }),
  /** The batches: those with something to decide first, then the latest. */
  'review.batches': z.object({ limit: z.number().int().min(1).max(200).default(50) }),
  /**
   * One decision for several applications (a whole batch): each is decided on its own, idempotently, and
   * those that cannot be are reported with the reason. No 退回补正 here: it lists what each one lacks.
   */
  'review.decideMany': z
    .object({
      applicationIds: z
        .array(id)
        .min(1, '请先选择要审核的申请')
        .max(200, '一次最多审核200件')
        .refine((ids) => new Set(ids).size === ids.length, '同一件申请选了两次'),
      decision: z.enum(['approve', 'reject']),
      reason: note('理由', 500).optional(),
    })
    .refine((d) => d.decision !== 'reject' || (d.reason?.length ?? 0) >= 2, { message: '不予通过时请写明理由', path: ['reason'] }),
  /** Takes back this terminal's latest decision while it has not been sent. */
  'review.undo': z.object({ applicationId: id }),
  'review.get': z.object({ id }),
  /** A scanned page: from the local cache, else fetched from the platform (online only). */
  'review.attachment': z.object({ applicationId: id, sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  'review.decide': z
    .object({
      applicationId: id,
      decision: z.enum(DECISIONS),
      reason: note('理由', 500).optional(),
      supplement: z
        .object({
          items: z.array(supplementItemSchema).min(1, '请至少列出一项需要补正的内容').max(50),
          note: note('补正说明', 500).optional(),
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
      .array(z.object({ applicationId: id, materialKey: z.string().min(1).max(60), note: note('缺件说明', 200).optional() }))
      .max(2000)
      .default([]),
  }),

  // ---- the resident's side of a decision (village) ----
  /** Records the resident's supplement: corrected fields and materials (new scans via attachments.add first). */
  'applications.supplement': z.object({
    id,
    form: z.record(z.string(), z.unknown()),
    materials: z.record(z.string(), receivedMaterialSchema),
    note: note('补正备注', 500).optional(),
    /** Asked-for items the resident cannot provide, each with the reason (the rest must be changed or scanned). */
    unavailable: z
      .array(z.object({ kind: z.enum(['material', 'field']), key: z.string().min(1).max(60), note: note('无法提供的原因', 200) }))
      .max(50)
      .optional(),
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
  'stats.report': statsPeriod.extend({ granularity: z.enum(['week', 'month']).optional() }),
  /** The ledger (台账) of the period as an .xlsx workbook: every application, and the statistics. */
  'stats.exportLedger': statsPeriod,
  /** The ledger as a printable A4 list (PDF), and its printing. */
  'stats.renderLedger': statsPeriod,
  'stats.printLedger': statsPeriod.extend({ printerId: z.string().min(1).max(200), copies: z.number().int().min(1).max(5).default(1) }),

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
  /** After enrolling: what came back from the platform, and what the village's other PCs had not sent. */
  'sync.recovery': empty,
  /** Runs a sync now and resolves when it ends (progress arrives as `sync.status` push events meanwhile). */
  'sync.now': empty,
} as const;

/** Every method: the terminal's own, then IT operations (fleet, diagnostics, backups, updates). */
export const stationMethods = {
  ...coreMethods,
  ...itMethods,
  ...diagnosticsMethods,
  ...backupMethods,
  ...updateMethods,
  ...idCardMethods,
  ...ratingMethods,
  ...transferMethods,
} as const;

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
  if (!isStationMethod(method)) throw new DaibanError('INVALID_INPUT', '未知的操作');
  const checked = checkInput(stationMethods[method], input ?? {});
  if (!checked.ok) throw new DaibanError('INVALID_INPUT', firstRefusal(checked.fields), { fields: checked.fields });
  return checked.value as StationParsedInput<M>;
}
