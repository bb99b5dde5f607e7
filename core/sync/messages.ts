import { z } from 'zod';
import { receivedMaterialSchema } from '../catalog/model';
import { divisionCode12 } from './protocol';

/**
 * The bodies of outbox messages (terminal → platform), one schema per kind. The station builds them, the
 * platform validates them: a body that fails is answered `invalid` with the reason, and the queue moves on.
 */

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const isoTime = z.string().datetime({ offset: true });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

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
  attachments: z.array(
    z.object({ sha256: sha256Hex, fileName: z.string().max(200), mimeType: z.string().max(100), size: z.number().int().nonnegative() }),
  ),
  submittedAt: isoTime,
  dueDate: isoDate,
  cadre: z.object({ id: z.string().min(1).max(64), name: z.string().max(30) }),
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
  passwordHash: z.string().startsWith('scrypt$').max(300),
  changedAt: isoTime,
});
export type AccountPasswordChanged = z.infer<typeof accountPasswordChangedSchema>;

export const OUTBOX_KINDS = {
  'application.submitted': applicationSubmittedSchema,
  'application.withdrawn': applicationWithdrawnSchema,
  'account.password_changed': accountPasswordChangedSchema,
} as const;
export type OutboxKind = keyof typeof OUTBOX_KINDS;

export function isOutboxKind(kind: string): kind is OutboxKind {
  return Object.hasOwn(OUTBOX_KINDS, kind);
}
