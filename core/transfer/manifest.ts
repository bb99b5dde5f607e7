import { z } from 'zod';
import { ageRecipient, changeSchema, divisionCode12, isoTime, outboxMessageSchema, outboxResultSchema, sha256Hex } from '../sync/protocol';

export { platformKeysSchema, type PlatformKeys } from '../sync/protocol';

/**
 * Transfer files (USB, issue #16 part 1; docs/transfer-files.md): the same messages and feed pages as the
 * network path, carried on a stick when a village has no extranet for weeks. An outbox file goes from a village
 * terminal to the platform (directly, or relayed by a township terminal), a return file comes back. Both are
 * signed by their sender and encrypted to their one reader (base/node/transfer-file.ts); these are the manifests
 * inside them, checked by the reader after the signature.
 */

/** How long a file may wait on a stick: a village offline for weeks, not a file found in a drawer a year on. */
export const TRANSFER_VALID_DAYS = 60;

export const LIMITS_TRANSFER = {
  /** Messages one outbox file may carry (a village's weeks offline; the network path sends 500 at a time). */
  messages: 50_000,
  /** Bytes of a manifest's JSON, before encryption. */
  manifestBytes: 256 * 1024 * 1024,
  /** Feed changes a return file carries at most; the rest come with the next trip or the network. */
  changes: 20_000,
} as const;

const cursor = z.string().regex(/^(0|[1-9]\d{0,17})$/);

export const outboxTransferSchema = z.object({
  format: z.literal('daiban-outbox-1'),
  fileId: z.string().uuid(),
  terminalId: z.string().uuid(),
  divisionCode: divisionCode12,
  terminalNo: z.number().int().min(1).max(99),
  createdAt: isoTime,
  expiresAt: isoTime,
  /** The terminal's feed cursor when it wrote the file: the return file carries the pages after it. */
  cursor,
  /** The return file is encrypted to this key, made for this file; its private half stays in the terminal's store. */
  replyRecipient: ageRecipient,
  /** Pending outbox messages, oldest first, exactly as the network path would send them. */
  messages: z.array(outboxMessageSchema).max(LIMITS_TRANSFER.messages),
  /** The scans those messages name that the platform may not have yet; their bytes follow the manifest. */
  blobs: z.array(z.object({ sha256: sha256Hex, size: z.number().int().nonnegative() })).max(LIMITS_TRANSFER.messages * 10),
});
export type OutboxTransfer = z.infer<typeof outboxTransferSchema>;

export const feedPageSchema = z.object({ after: cursor, changes: z.array(changeSchema), cursor, more: z.boolean() });
export type FeedPage = z.infer<typeof feedPageSchema>;

export const returnTransferSchema = z.object({
  format: z.literal('daiban-return-1'),
  fileId: z.string().uuid(),
  /** The outbox file this answers. */
  answers: z.string().uuid(),
  terminalId: z.string().uuid(),
  createdAt: isoTime,
  expiresAt: isoTime,
  /** One verdict per message of the outbox file, as `POST /v1/outbox` gives them. */
  results: z.array(outboxResultSchema).max(LIMITS_TRANSFER.messages),
  /** The outbox file's scans, now on the platform: the terminal need not upload them again. */
  blobs: z.array(sha256Hex).max(LIMITS_TRANSFER.messages * 10),
  /** The terminal's feed from the outbox file's cursor on, page by page. */
  pages: z.array(feedPageSchema).max(1000),
  serverTime: isoTime,
});
export type ReturnTransfer = z.infer<typeof returnTransferSchema>;
