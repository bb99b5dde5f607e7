import { z } from 'zod';

/**
 * Sync protocol v1 (DESIGN.md §5): the wire contract shared by the station's sync agent and the platform.
 * Outbox up, change feed down. Every request but health and enroll is signed (see signing.ts).
 */

export const PROTOCOL_VERSION = 'v1';

/** Header names (lower case, as Node delivers them). */
export const HEADERS = {
  /** On `GET /v1/health` (204): proves the answer came from a Daiban platform, not a captive portal. */
  platform: 'daiban-platform',
  /** The platform's clock on every response (ISO 8601); terminals sign with their offset to it. */
  serverTime: 'daiban-server-time',
  terminal: 'daiban-terminal',
  time: 'daiban-time',
  contentSha256: 'daiban-content-sha256',
  signature: 'daiban-signature',
  /** On `GET /v1/health`: what this platform accepts beyond v1 as first shipped, comma-separated (PLATFORM_FEATURES). */
  features: 'daiban-features',
} as const;

/**
 * Protocol v1's additions a terminal may use once the platform's health answer names them (a province updates
 * its platform before its terminals, but a terminal must never assume so):
 * - `outbox-digest-optional`: an outbox message may leave out `sha256`. The batch's signed body digest
 *   already covers every byte in transit; the platform computes the message's hash itself to tell a
 *   resend (`duplicate`) from a rewritten message (`conflict`). It saved ~40 gzipped bytes per application.
 */
export const PLATFORM_FEATURES = { outboxDigestOptional: 'outbox-digest-optional' } as const;

/** A signed request whose time is further than this from the platform's clock is refused (CLOCK_SKEW). */
export const REPLAY_WINDOW_MS = 5 * 60_000;

export const LIMITS = {
  /** Messages in one `POST /v1/outbox`. */
  outboxBatchMessages: 500,
  /** Bytes of the JSON of one outbox batch, before gzip (the platform refuses more after inflating). */
  outboxBatchBytes: 1024 * 1024,
  /** Bytes on the wire of any JSON request (gzipped or not). */
  requestBodyBytes: 1024 * 1024,
  /** One `PUT /v1/blobs/{sha256}` chunk. */
  blobChunkBytes: 256 * 1024,
  /** A whole attachment: the station refuses bigger scans at the counter, the platform on upload. */
  blobMaxBytes: 20 * 1024 * 1024,
  /** Changes in one page of `GET /v1/changes`. */
  changesPageSize: 200,
} as const;

/** `LIMITS.blobMaxBytes` as the cadre reads it: "20 MB". */
export const BLOB_MAX_MB = Math.round(LIMITS.blobMaxBytes / (1024 * 1024));

/** The small field schemas the protocol and the message and change bodies share. */
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
export const isoTime = z.string().datetime({ offset: true });
/** scrypt$N$r$p$salt$hash, the station's own format (station/passwords.ts): cadres log in offline. */
export const scryptPasswordHash = z.string().startsWith('scrypt$').max(300);
/** 12 digits, zero-padded (core/division.ts). */
export const divisionCode12 = z.string().regex(/^\d{12}$/);
/** An Ed25519 public key: the 32 raw bytes, base64. */
export const ed25519PublicKey = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);

/** county: sees its townships' work (worklist, statistics, the ledger); decides nothing yet (issue #15). */
export const terminalRoleSchema = z.enum(['village', 'township', 'county']);
export type TerminalRole = z.infer<typeof terminalRoleSchema>;

// ---- POST /v1/enroll (unsigned; the one-time code is the credential) ----

export const enrollRequestSchema = z.object({
  code: z.string().trim().min(6).max(64),
  publicKey: ed25519PublicKey,
  appVersion: z.string().max(40),
  hostname: z.string().max(100).optional(),
});
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

/** An age X25519 recipient (the public half of a transfer key): `age1` and 58 bech32 letters. */
export const ageRecipient = z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, '不是有效的传输公钥');

/** The platform's transfer keys (USB files, docs/transfer-files.md), as terminals learn them. */
export const platformKeysSchema = z.object({
  /** Outbox files are encrypted to it. */
  transferRecipient: ageRecipient,
  /** Return files are signed by it (raw Ed25519, base64). */
  signingKey: ed25519PublicKey,
});
export type PlatformKeys = z.infer<typeof platformKeysSchema>;

export const otherTerminalSchema = z.object({
  terminalNo: z.number().int().min(1).max(99),
  hostname: z.string().max(100).nullable(),
  lastSeenAt: isoTime,
  /** Messages waiting in its outbox at its last heartbeat; null before its first. */
  queueDepth: z.number().int().nonnegative().nullable(),
  disabled: z.boolean(),
});
export type OtherTerminal = z.infer<typeof otherTerminalSchema>;

export const enrollResponseSchema = z.object({
  terminalId: z.string().uuid(),
  divisionCode: divisionCode12,
  role: terminalRoleSchema,
  servicePointName: z.string(),
  /** Unique within the division: part of every receipt number the terminal makes offline. */
  terminalNo: z.number().int().min(1).max(99),
  serverTime: isoTime,
  /**
   * The division's other terminals as the platform last heard from them (absent from older platforms): a PC
   * replacing a dead one tells the cadre what the old one had not sent when it was last heard from.
   */
  otherTerminals: z.array(otherTerminalSchema).max(99).optional(),
  /** The platform's transfer keys (USB files; absent from older platforms, which have none). */
  platformKeys: platformKeysSchema.optional(),
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

// ---- POST /v1/outbox ----

export const outboxMessageSchema = z.object({
  id: z.string().uuid(),
  kind: z.string().min(1).max(60),
  /** The exact JSON text the terminal stored; `sha256` is taken over its UTF-8 bytes. */
  body: z.string().max(LIMITS.outboxBatchBytes),
  /** Checked when sent (HASH_MISMATCH); optional where the platform offers `outbox-digest-optional`. */
  sha256: sha256Hex.optional(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const outboxRequestSchema = z.object({
  batchId: z.string().uuid(),
  messages: z.array(outboxMessageSchema).min(1).max(LIMITS.outboxBatchMessages),
});
export type OutboxRequest = z.infer<typeof outboxRequestSchema>;

export const outboxResultSchema = z.discriminatedUnion('result', [
  z.object({ id: z.string(), result: z.literal('accepted') }),
  /** Same id, same hash: already had it. Fine. */
  z.object({ id: z.string(), result: z.literal('duplicate') }),
  /** Same id, other hash: kept aside for people to look at. */
  z.object({ id: z.string(), result: z.literal('conflict'), reason: z.string() }),
  /** Refused for a reason the terminal shows to the cadre (Chinese), with a stable code; the queue moves on. */
  z.object({ id: z.string(), result: z.literal('invalid'), code: z.string(), reason: z.string() }),
]);
export type OutboxResult = z.infer<typeof outboxResultSchema>;

export const outboxResponseSchema = z.object({
  results: z.array(outboxResultSchema),
  serverTime: isoTime,
});
export type OutboxResponse = z.infer<typeof outboxResponseSchema>;

// ---- PUT /v1/blobs/{sha256} (Content-Range: bytes a-b/total), GET /v1/blobs/{sha256}/status ----

export const blobStatusSchema = z.object({
  sha256: sha256Hex,
  /** Total size once the first chunk told it; null when nothing arrived yet. */
  size: z.number().int().nonnegative().nullable(),
  /** Bytes acknowledged so far, from the start: the next chunk starts here. */
  received: z.number().int().nonnegative(),
  /** All bytes arrived and their SHA-256 matched the name. */
  complete: z.boolean(),
});
export type BlobStatus = z.infer<typeof blobStatusSchema>;

// ---- GET /v1/changes?after=<cursor>&limit=<n> ----

export const changeSchema = z.object({
  /** Opaque to the terminal; increasing. Pass the last one back as `after`. */
  cursor: z.string().max(40),
  kind: z.string().max(60),
  /** The division the change concerns (12 digits). */
  divisionCode: divisionCode12,
  body: z.unknown(),
  at: isoTime,
});
export type Change = z.infer<typeof changeSchema>;

export const changesResponseSchema = z.object({
  changes: z.array(changeSchema),
  /** The cursor to ask from next time (the last change's, or `after` when the page is empty). */
  cursor: z.string().max(40),
  /** More changes wait beyond this page. */
  more: z.boolean(),
  serverTime: isoTime,
});
export type ChangesResponse = z.infer<typeof changesResponseSchema>;

// ---- PUT /v1/transfers/{uploadId}?offset=N, POST /v1/transfers/{uploadId}/import (USB files relayed) ----

export const TRANSFER_LIMITS = {
  /** One part of a relayed file. */
  partBytes: 4 * 1024 * 1024,
  /** A whole transfer file. */
  fileBytes: 2 * 1024 * 1024 * 1024,
} as const;

/** The answer to a relayed import: the village's return file, and what it says, for the township's screen. */
export const transferRelayResponseSchema = z.object({
  returnFile: z.string(),
  returnFileId: z.string().uuid(),
  villageCode: divisionCode12,
  messages: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  duplicate: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
  changes: z.number().int().nonnegative(),
});
export type TransferRelayResponse = z.infer<typeof transferRelayResponseSchema>;

// ---- POST /v1/heartbeat ----

/**
 * What happened to the terminal's store across versions (docs/updates.md): a downgrade it refused because the
 * offered build predates its store's schema, or a rollback to a backup an older build had to make.
 */
export const storeNoticeSchema = z.object({ kind: z.enum(['downgrade_refused', 'rolled_back']), message: z.string().max(300), at: isoTime });
export type StoreNotice = z.infer<typeof storeNoticeSchema>;

export const heartbeatRequestSchema = z.object({
  appVersion: z.string().max(40),
  queueDepth: z.number().int().nonnegative(),
  invalidCount: z.number().int().nonnegative(),
  lastSyncAt: isoTime.nullable(),
  freeDiskBytes: z.number().int().nonnegative().nullable(),
  /** The head of the terminal's hash-chained audit log: the platform notices when entries vanish off its end. */
  auditHead: z.object({ seq: z.number().int().nonnegative(), hash: sha256Hex }).nullable(),
  /** The terminal's own clock, uncorrected (absent from older terminals): the fleet view shows its skew. */
  deviceTime: isoTime.optional(),
  /** For the fleet view; absent when there is nothing to say (or from older terminals). */
  storeNotice: storeNoticeSchema.optional(),
});
export type HeartbeatRequest = z.infer<typeof heartbeatRequestSchema>;

export const heartbeatResponseSchema = z.object({
  serverTime: isoTime,
  /** IT asked for this terminal's diagnostics bundle: it builds one and sends it to `POST /v1/diagnostics`. */
  diagnosticsRequested: z.boolean().optional(),
});
export type HeartbeatResponse = z.infer<typeof heartbeatResponseSchema>;

// ---- POST /v1/diagnostics (gzipped JSON: core/diagnostics/bundle.ts) → 204 ----

// ---- errors: every non-2xx answer is this JSON ----

export const PLATFORM_ERROR_CODES = [
  'INVALID_REQUEST',
  'BODY_TOO_LARGE',
  'UNSIGNED',
  'BAD_SIGNATURE',
  'CLOCK_SKEW',
  'REPLAYED',
  'UNKNOWN_TERMINAL',
  'TERMINAL_DISABLED',
  'FORBIDDEN',
  'ENROLL_CODE_INVALID',
  'NOT_FOUND',
  'RANGE_MISMATCH',
  'HASH_MISMATCH',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
  // The IT admin API (core/admin/api.ts): a refused login, a missing or expired session.
  'ADMIN_LOGIN_FAILED',
  'ADMIN_AUTH_REQUIRED',
  // The gateway (platform/gateway): a decision the application's state does not allow now.
  'CONFLICT',
  // A transfer file (USB) that cannot be imported: details.reason says why (docs/transfer-files.md).
  'TRANSFER_REFUSED',
] as const;
export type PlatformErrorCode = (typeof PLATFORM_ERROR_CODES)[number];

export const platformErrorSchema = z.object({
  code: z.string(),
  /** Chinese, for the cadre or the IT staff reading the terminal's sync panel. */
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type PlatformErrorBody = z.infer<typeof platformErrorSchema>;
