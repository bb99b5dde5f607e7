import { z } from 'zod';
import { catalogVersionSchema } from '../catalog/model';
import { divisionCode12 } from './protocol';

/**
 * The bodies of change-feed entries (platform → terminal), one schema per kind. A terminal applies the kinds
 * it knows and skips the rest (a newer platform may send more), always advancing its cursor.
 */

export const accountUpsertSchema = z.object({
  /** The platform's account id; the terminal matches on username, which is unique per province. */
  id: z.string().min(1).max(64),
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(30),
  role: z.enum(['cadre', 'reviewer', 'admin']),
  /** scrypt$N$r$p$salt$hash, the station's own format (station/passwords.ts): cadres log in offline. */
  passwordHash: z.string().startsWith('scrypt$').max(300),
  disabled: z.boolean(),
  divisionCode: divisionCode12,
  updatedAt: z.string().datetime({ offset: true }),
});
export type AccountUpsert = z.infer<typeof accountUpsertSchema>;

export const catalogPublishedSchema = z.object({ catalog: catalogVersionSchema });
export type CatalogPublished = z.infer<typeof catalogPublishedSchema>;

export const CHANGE_KINDS = {
  'account.upsert': accountUpsertSchema,
  'catalog.published': catalogPublishedSchema,
} as const;
export type ChangeKind = keyof typeof CHANGE_KINDS;

export function isChangeKind(kind: string): kind is ChangeKind {
  return Object.hasOwn(CHANGE_KINDS, kind);
}
