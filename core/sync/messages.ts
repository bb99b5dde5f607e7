import { z } from 'zod';
import { receivedMaterialSchema } from '../catalog/model';
import { divisionCode12, isoTime, scryptPasswordHash, sha256Hex } from './protocol';

/**
 * The bodies of outbox messages (terminal → platform), one schema per kind. The station builds them, the
 * platform validates them: a body that fails is answered `invalid` with the reason, and the queue moves on.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const attachmentRef = z.object({
  sha256: sha256Hex,
  fileName: z.string().max(200),
  mimeType: z.string().max(100),
  size: z.number().int().nonnegative(),
});
const person = z.object({ id: z.string().min(1).max(64), name: z.string().max(30) });

export const applicationSubmittedSchema = z.object({
  applicationId: z.string().uuid(),
  receiptNo: z.string().min(1).max(40),
  itemCode: z.string().min(1).max(20),
  catalogVersion: z.string().min(1).max(20),
  divisionCode: divisionCode12,
  resident: z.object({
    id: z.string().uuid(),
    idNumber: z.string().regex(/^\d{17}[\dX]$/),
    name: z.string().min(1).max(30),
    gender: z.enum(['male', 'female']),
    birthDate: isoDate,
    phone: z.string().max(20).nullable(),
    address: z.string().max(120).nullable(),
  }),
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
  reason: z.string().min(1).max(200),
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
  label: z.string().min(1).max(60),
  /** What is missing or wrong, e.g. "缺少户主页". */
  problem: z.string().trim().min(2).max(200),
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
    reason: z.string().trim().min(2).max(500).nullable(),
    /** Required for a return for supplement: at least one item. */
    supplement: z.object({ items: z.array(supplementItemSchema).min(1).max(50), note: z.string().max(500).nullable() }).nullable(),
    reviewer: person,
    decidedAt: isoTime,
  })
  .refine((d) => d.decision !== 'reject' || d.reason !== null, { message: '不予通过须写明理由', path: ['reason'] })
  .refine((d) => d.decision !== 'request_supplement' || d.supplement !== null, { message: '退回补正须列出需补正的内容', path: ['supplement'] });
export type ReviewDecided = z.infer<typeof reviewDecidedSchema>;

/** The cadre recorded the resident's supplement (village → platform): corrected fields, materials, new scans. */
export const applicationSupplementedSchema = z.object({
  applicationId: z.string().uuid(),
  form: z.record(z.string(), z.unknown()),
  materials: z.record(z.string(), receivedMaterialSchema),
  /** Every attachment of the application after the supplement (old and new). */
  attachments: z.array(attachmentRef),
  note: z.string().max(500).nullable(),
  supplementedAt: isoTime,
  cadre: person,
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
  missing: z.array(z.object({ applicationId: z.string().uuid(), materialKey: z.string().max(60), note: z.string().max(200).nullable() })).max(2000),
  confirmedAt: isoTime,
  reviewer: person,
});
export type HandoverConfirmed = z.infer<typeof handoverConfirmedSchema>;

export const OUTBOX_KINDS = {
  'application.submitted': applicationSubmittedSchema,
  'application.withdrawn': applicationWithdrawnSchema,
  'account.password_changed': accountPasswordChangedSchema,
  'review.decided': reviewDecidedSchema,
  'application.supplemented': applicationSupplementedSchema,
  'application.completed': applicationCompletedSchema,
  'handover.listed': handoverListedSchema,
  'handover.confirmed': handoverConfirmedSchema,
} as const;
export type OutboxKind = keyof typeof OUTBOX_KINDS;

export function isOutboxKind(kind: string): kind is OutboxKind {
  return Object.hasOwn(OUTBOX_KINDS, kind);
}
