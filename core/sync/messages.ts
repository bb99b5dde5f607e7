import { z } from 'zod';
import { receivedMaterialSchema } from '../catalog/model';
import { isValidCitizenIdNumber } from '../citizen-id';
import { HOUSEHOLD_RELATIONS } from '../households';
import { textField } from '../text';
import { FOLLOW_UP_STEPS, RATING_STAGES, ratingLevelSchema, ratingReasonsSchema, reasonsFitLevel } from '../ratings/model';
import { AUDIT_KIND, auditRunSchema } from './audit';
import { divisionCode12, isoTime, scryptPasswordHash, sha256Hex } from './protocol';

/**
 * The bodies of outbox messages (terminal → platform), one schema per kind. The station checks a body when
 * it queues it (db/outbox.ts), so a bad one fails the cadre's action before a receipt is printed; the
 * platform checks it again with the same rules: a body that fails is answered `invalid` with the reason,
 * and the queue moves on. Free text passes core/text.ts's rule on both sides.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const attachmentRef = z.object({
  sha256: sha256Hex,
  fileName: textField('文件名', { max: 200 }),
  mimeType: z.string().max(100),
  size: z.number().int().nonnegative(),
});
const person = z.object({ id: z.string().min(1).max(64), name: textField('姓名', { max: 30 }) });

const citizenIdNumber = z
  .string()
  .regex(/^\d{17}[\dX]$/)
  .refine(isValidCitizenIdNumber, '身份证号码的校验位不对，不是有效的身份证号码');

/** A resident as a village's terminals share them; the ID number, not the id, is who they are across terminals. */
const residentSchema = z.object({
  id: z.string().uuid(),
  idNumber: citizenIdNumber,
  name: textField('姓名', { max: 30, min: { length: 1, message: '缺少居民姓名' } }),
  gender: z.enum(['male', 'female']),
  birthDate: isoDate,
  phone: textField('联系电话', { max: 20 }).nullable(),
  address: textField('地址', { max: 120 }).nullable(),
});

export const applicationSubmittedSchema = z.object({
  applicationId: z.string().uuid(),
  receiptNo: z.string().min(1).max(40),
  itemCode: z.string().min(1).max(20),
  catalogVersion: z.string().min(1).max(20),
  divisionCode: divisionCode12,
  resident: residentSchema,
  form: z.record(z.string(), z.unknown()),
  materials: z.record(z.string(), receivedMaterialSchema),
  attachments: z.array(attachmentRef),
  submittedAt: isoTime,
  dueDate: isoDate,
  cadre: person,
});
export type ApplicationSubmitted = z.infer<typeof applicationSubmittedSchema>;

export const applicationWithdrawnSchema = z.object({
  applicationId: z.string().uuid(),
  reason: textField('撤回原因', { max: 200, multiline: true, min: { length: 1, message: '缺少撤回原因' } }),
  withdrawnAt: isoTime,
  by: z.string().min(1).max(64),
});
export type ApplicationWithdrawn = z.infer<typeof applicationWithdrawnSchema>;

/** A cadre changed their own password on a terminal: the platform keeps it and sends it to the other terminals. */
export const accountPasswordChangedSchema = z.object({
  userId: z.string().min(1).max(64),
  username: z.string().min(1).max(64),
  passwordHash: scryptPasswordHash,
  changedAt: isoTime,
});
export type AccountPasswordChanged = z.infer<typeof accountPasswordChangedSchema>;

/** One entry of a one-time supplement notice (一次性告知): everything missing or wrong, listed at once. */
export const supplementItemSchema = z.object({
  kind: z.enum(['material', 'field']),
  /** The material key or form field key of the catalog item. */
  key: z.string().min(1).max(60),
  /** As the resident reads it, e.g. "户口簿复印件". */
  label: textField('名称', { max: 60, min: { length: 1, message: '缺少补正项目的名称' } }),
  /** What is missing or wrong, e.g. "缺少户主页". */
  problem: textField('问题说明', { max: 200, multiline: true, min: { length: 2, message: '请写明需要补正的问题' } }),
});
export type SupplementItem = z.infer<typeof supplementItemSchema>;

export const DECISIONS = ['approve', 'request_supplement', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

/** A township reviewer's decision (township terminal → platform); final once the platform accepted it. */
export const reviewDecidedSchema = z
  .object({
    decisionId: z.string().uuid(),
    applicationId: z.string().uuid(),
    /** The village the application belongs to. */
    divisionCode: divisionCode12,
    decision: z.enum(DECISIONS),
    /** Required for a rejection. */
    reason: textField('理由', { max: 500, multiline: true, min: { length: 2, message: '理由至少2个字' } }).nullable(),
    /** Required for a return for supplement: at least one item. */
    supplement: z
      .object({ items: z.array(supplementItemSchema).min(1).max(50), note: textField('补正说明', { max: 500, multiline: true }).nullable() })
      .nullable(),
    reviewer: person,
    decidedAt: isoTime,
  })
  .refine((d) => d.decision !== 'reject' || d.reason !== null, { message: '不予通过须写明理由', path: ['reason'] })
  .refine((d) => d.decision !== 'request_supplement' || d.supplement !== null, { message: '退回补正须列出需补正的内容', path: ['supplement'] });
export type ReviewDecided = z.infer<typeof reviewDecidedSchema>;

/** How the village answered one item the township asked for (core/supplement-diff.ts). */
export const supplementResponseSchema = z.object({
  kind: z.enum(['material', 'field']),
  key: z.string().min(1).max(60),
  how: z.enum(['changed', 'attached', 'unavailable']),
  note: textField('说明', { max: 200, multiline: true }).nullable(),
});

/** The cadre recorded the resident's supplement (village → platform): corrected fields, materials, new scans. */
export const applicationSupplementedSchema = z.object({
  applicationId: z.string().uuid(),
  form: z.record(z.string(), z.unknown()),
  materials: z.record(z.string(), receivedMaterialSchema),
  /** Every attachment of the application after the supplement (old and new). */
  attachments: z.array(attachmentRef),
  note: textField('补正备注', { max: 500, multiline: true }).nullable(),
  supplementedAt: isoTime,
  cadre: person,
  /**
   * The promised date moved by the days the supplement took (core/due-date.ts); absent from terminals that
   * did not pause the clock yet, whose applications keep their date.
   */
  dueDate: isoDate.optional(),
  /** Each asked-for item and how it was answered; absent from terminals before the supplement loop was closed. */
  responses: z.array(supplementResponseSchema).max(50).optional(),
});
export type ApplicationSupplemented = z.infer<typeof applicationSupplementedSchema>;

/** The resident has been told the result (village → platform): the application is closed. */
export const applicationCompletedSchema = z.object({
  applicationId: z.string().uuid(),
  completedAt: isoTime,
  by: person,
});
export type ApplicationCompleted = z.infer<typeof applicationCompletedSchema>;

/** A handover list (交接清单) for the paper that travels from the village to the township. */
export const handoverListedSchema = z.object({
  listId: z.string().uuid(),
  /** Printed under the barcode, e.g. 360781102201-20261123-01-03. */
  listNo: z.string().min(1).max(40),
  divisionCode: divisionCode12,
  applications: z
    .array(z.object({ applicationId: z.string().uuid(), receiptNo: z.string().max(40), materialKeys: z.array(z.string().max(60)) }))
    .min(1)
    .max(500),
  createdAt: isoTime,
  cadre: person,
});
export type HandoverListed = z.infer<typeof handoverListedSchema>;

/** The township confirms which paper of a list arrived (township → platform). */
export const handoverConfirmedSchema = z.object({
  listId: z.string().uuid(),
  divisionCode: divisionCode12,
  /** Empty when everything on the list arrived. */
  missing: z
    .array(
      z.object({ applicationId: z.string().uuid(), materialKey: z.string().max(60), note: textField('缺件说明', { max: 200, multiline: true }).nullable() }),
    )
    .max(2000),
  confirmedAt: isoTime,
  reviewer: person,
});
export type HandoverConfirmed = z.infer<typeof handoverConfirmedSchema>;

/**
 * The resident rated the service at the counter (好差评, village → platform): one rating per application and
 * stage, named (the application names the resident), so a 差评 can be followed up (docs/ratings.md).
 */
export const serviceRatedSchema = z
  .object({
    ratingId: z.string().uuid(),
    applicationId: z.string().uuid(),
    receiptNo: z.string().min(1).max(40),
    itemCode: z.string().min(1).max(20),
    divisionCode: divisionCode12,
    stage: z.enum(RATING_STAGES),
    level: ratingLevelSchema,
    reasons: ratingReasonsSchema,
    comment: textField('评价意见', { max: 300, multiline: true }).nullable(),
    ratedAt: isoTime,
    /** The cadre who served the resident (and is rated). */
    cadre: person,
  })
  .refine((r) => reasonsFitLevel(r.level, r.reasons), { message: '所选原因与评价等级不符', path: ['reasons'] });
export type ServiceRated = z.infer<typeof serviceRatedSchema>;

/** A township recorded one step of a 差评's follow-up: 回访核实, then 整改反馈 (township → platform). */
export const ratingFollowedUpSchema = z.object({
  ratingId: z.string().uuid(),
  /** The village the rating belongs to. */
  divisionCode: divisionCode12,
  step: z.enum(FOLLOW_UP_STEPS),
  note: textField('办理情况', { max: 500, multiline: true, min: { length: 2, message: '请写明回访或整改的情况' } }),
  at: isoTime,
  by: person,
});
export type RatingFollowedUp = z.infer<typeof ratingFollowedUpSchema>;

/**
 * A resident registered or changed on a village terminal (village → platform → the village's other terminals):
 * every terminal of the village knows its residents, and a replacement PC gets them back (docs/village-terminals.md).
 * The newest `updatedAt` wins on each terminal.
 */
export const residentSavedSchema = z.object({
  divisionCode: divisionCode12,
  resident: residentSchema,
  createdAt: isoTime,
  updatedAt: isoTime,
  by: person,
});
export type ResidentSaved = z.infer<typeof residentSavedSchema>;

/** A household (户) saved whole on a village terminal; its members named by ID number, as terminals know them. */
export const householdSavedSchema = z.object({
  householdId: z.string().uuid(),
  divisionCode: divisionCode12,
  members: z
    .array(z.object({ idNumber: citizenIdNumber, relation: z.enum(HOUSEHOLD_RELATIONS) }))
    .min(1)
    .max(30)
    .refine((m) => m.filter((x) => x.relation === '户主').length === 1, '一户应有且只有一位户主')
    .refine((m) => new Set(m.map((x) => x.idNumber)).size === m.length, '同一居民在一户中列了两次'),
  createdAt: isoTime,
  updatedAt: isoTime,
  by: person,
});
export type HouseholdSaved = z.infer<typeof householdSavedSchema>;

export const OUTBOX_KINDS = {
  'application.submitted': applicationSubmittedSchema,
  'application.withdrawn': applicationWithdrawnSchema,
  'account.password_changed': accountPasswordChangedSchema,
  'review.decided': reviewDecidedSchema,
  'application.supplemented': applicationSupplementedSchema,
  'application.completed': applicationCompletedSchema,
  'handover.listed': handoverListedSchema,
  'handover.confirmed': handoverConfirmedSchema,
  'service.rated': serviceRatedSchema,
  'rating.followed_up': ratingFollowedUpSchema,
  'resident.saved': residentSavedSchema,
  'household.saved': householdSavedSchema,
  /** A run of the audit chain, read from the chain, not the outbox table (station/sync/push-audit.ts). */
  [AUDIT_KIND]: auditRunSchema,
} as const;
export type OutboxKind = keyof typeof OUTBOX_KINDS;

export function isOutboxKind(kind: string): kind is OutboxKind {
  return Object.hasOwn(OUTBOX_KINDS, kind);
}
