import { z } from 'zod';
import { catalogVersionSchema } from '../catalog/model';
import { calendarYearSchema } from '../calendar-year';
import { divisionsPublishedSchema } from '../divisions/model';
import { APPLICATION_STATUSES } from '../lifecycle';
import {
  applicationSubmittedSchema,
  applicationSupplementedSchema,
  applicationWithdrawnSchema,
  handoverConfirmedSchema,
  handoverListedSchema,
  householdSavedSchema,
  ratingFollowedUpSchema,
  residentSavedSchema,
  reviewDecidedSchema,
  serviceRatedSchema,
} from './messages';
import { divisionCode12, ed25519PublicKey, isoTime, platformKeysSchema, scryptPasswordHash, terminalRoleSchema } from './protocol';

/**
 * The bodies of change-feed entries (platform → terminal), one schema per kind. A terminal applies the kinds
 * it knows and skips the rest (a newer platform may send more), always advancing its cursor.
 */

export const accountUpsertSchema = z.object({
  /** The platform's account id; the terminal matches on username, which is unique per province. */
  id: z.string().min(1).max(64),
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(30),
  /** 'it': county IT staff, at a province/city/county division, who may log into any terminal below it. */
  role: z.enum(['cadre', 'reviewer', 'admin', 'it']),
  passwordHash: scryptPasswordHash,
  disabled: z.boolean(),
  /** IT set this password (a new account, a reset): the user must choose their own at the next login. */
  mustChangePassword: z.boolean().default(false),
  divisionCode: divisionCode12,
  updatedAt: isoTime,
});
export type AccountUpsert = z.infer<typeof accountUpsertSchema>;

export const catalogPublishedSchema = z.object({ catalog: catalogVersionSchema });
export type CatalogPublished = z.infer<typeof catalogPublishedSchema>;

/**
 * For the township terminals above the village (fan_up): an application's state on the platform, with its
 * whole content when it arrives (`submission`) and when it was supplemented (`supplement`), so the township
 * keeps a replica it can review offline; when it was withdrawn, the withdrawal (`withdrawal`: why, when, by
 * whom), so the village's other terminals and the township show the reason, not only the status.
 */
export const applicationReceivedSchema = z.object({
  applicationId: z.string().uuid(),
  receiptNo: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  receivedAt: isoTime,
  submission: applicationSubmittedSchema.optional(),
  supplement: applicationSupplementedSchema.optional(),
  withdrawal: applicationWithdrawnSchema.optional(),
});
export type ApplicationReceived = z.infer<typeof applicationReceivedSchema>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A public notice's window (core/review-levels.ts noticeWindow): posted from `startsOn` to `endsOn` inclusive. */
export const noticeWindowSchema = z.object({ startsOn: day, endsOn: day, endsAt: isoTime });
export type NoticeWindow = z.infer<typeof noticeWindowSchema>;

/**
 * A decision the platform accepted: down to the village (and up to the terminals above it). `step` is the
 * level that decided; `notice` the window a township's pass opened (status publicizing).
 */
export const applicationDecidedSchema = z.intersection(
  reviewDecidedSchema,
  z.object({
    status: z.enum(APPLICATION_STATUSES),
    receiptNo: z.string(),
    step: z.enum(['township', 'county']).default('township'),
    notice: noticeWindowSchema.optional(),
  }),
);
export type ApplicationDecided = z.infer<typeof applicationDecidedSchema>;

/** A notice period ran out without an objection upheld: the application moves on (to the county, as a rule). */
export const noticeEndedSchema = z.object({
  applicationId: z.string().uuid(),
  receiptNo: z.string(),
  divisionCode: divisionCode12,
  status: z.enum(APPLICATION_STATUSES),
  startsOn: day,
  endsOn: day,
  endedAt: isoTime,
});
export type NoticeEnded = z.infer<typeof noticeEndedSchema>;

/**
 * A terminal the platform enrolled, for the terminals above its division (fan_up): a township or county
 * terminal learns the public keys of the village terminals below it, so it can check the signed code on a
 * paper receipt offline (core/receipt-code.ts). Terminal numbers are never reused within a division.
 */
export const terminalEnrolledSchema = z.object({
  terminalId: z.string().uuid(),
  divisionCode: divisionCode12,
  terminalNo: z.number().int().min(1).max(99),
  role: terminalRoleSchema,
  servicePointName: z.string().min(1).max(100),
  publicKey: ed25519PublicKey,
  enrolledAt: isoTime,
});
export type TerminalEnrolled = z.infer<typeof terminalEnrolledSchema>;

/** A year of public holidays (core/calendar-year.ts), for every terminal: deadlines count working days. */
export const calendarPublishedSchema = z.object({ year: calendarYearSchema });
export type CalendarPublished = z.infer<typeof calendarPublishedSchema>;

/**
 * A rating the platform accepted, for the terminals above the village (fan_up): with the resident to call back
 * and, for a 差评, the follow-up's deadlines under the province's rules (core/ratings/model.ts).
 */
export const ratingReceivedSchema = z.intersection(
  serviceRatedSchema,
  z.object({
    resident: z.object({ name: z.string().max(30), phone: z.string().max(20).nullable() }),
    receivedAt: isoTime,
    followUp: z.object({ revisitDue: day, rectifyDue: day }).nullable(),
  }),
);
export type RatingReceived = z.infer<typeof ratingReceivedSchema>;

export const CHANGE_KINDS = {
  'account.upsert': accountUpsertSchema,
  'catalog.published': catalogPublishedSchema,
  'application.received': applicationReceivedSchema,
  'application.decided': applicationDecidedSchema,
  'notice.ended': noticeEndedSchema,
  'handover.listed': handoverListedSchema,
  'handover.confirmed': handoverConfirmedSchema,
  'terminal.enrolled': terminalEnrolledSchema,
  'divisions.published': divisionsPublishedSchema,
  'calendar.published': calendarPublishedSchema,
  'rating.received': ratingReceivedSchema,
  'rating.followed_up': ratingFollowedUpSchema,
  /** For the village's own terminals, not the one that saved it (docs/village-terminals.md). */
  'resident.saved': residentSavedSchema,
  'household.saved': householdSavedSchema,
  /** The platform's transfer keys (USB files, docs/transfer-files.md), for every terminal. */
  'platform.keys': platformKeysSchema,
} as const;
export type ChangeKind = keyof typeof CHANGE_KINDS;

export function isChangeKind(kind: string): kind is ChangeKind {
  return Object.hasOwn(CHANGE_KINDS, kind);
}
