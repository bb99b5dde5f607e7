import { z } from 'zod';

/**
 * The diagnostics bundle (issue #6): what a terminal tells county IT about its health, built on the terminal
 * and carried over the sync link (`POST /v1/diagnostics`) or on a USB stick. Counts, states, versions and
 * scrubbed log lines only: never a resident's or a cadre's personal data (station/diagnostics/ builds it).
 */

export const DIAGNOSTICS_FORMAT = 'daiban-diagnostics/1';

export const DIAGNOSTICS_LIMITS = {
  /** The newest log lines kept (older ones are dropped first). */
  logLines: 2_000,
  /** A longer log line is cut (a stack trace stays readable, a dumped body does not bloat the bundle). */
  logLineChars: 2_000,
  /** The bundle's JSON, before gzip; under the platform's 1 MiB ceiling for an inflated request. */
  bundleBytes: 1_000_000,
} as const;

/** What replaces a name, ID number or phone number in the bundle. */
export const REDACTED = '[已隐去]';

const count = z.number().int().nonnegative();
const iso = z.string().datetime({ offset: true });
const checkResult = z.object({ ok: z.boolean(), messages: z.array(z.string().max(500)).max(20) });

export const diagnosticsBundleSchema = z.object({
  format: z.literal(DIAGNOSTICS_FORMAT),
  createdAt: iso,
  terminal: z.object({
    /** Null on a terminal that was never enrolled. */
    id: z.string().max(64).nullable(),
    role: z.enum(['village', 'township', 'county']).nullable(),
    divisionCode: z.string().max(12).nullable(),
    servicePointName: z.string().max(100).nullable(),
    terminalNo: z.number().int().nullable(),
    appVersion: z.string().max(40),
    schemaVersion: z.number().int(),
    catalogVersion: z.string().max(40).nullable(),
    enrolled: z.boolean(),
    /** Host (and port) of the platform address, without path or credentials. */
    platformHost: z.string().max(200).nullable(),
  }),
  runtime: z.object({
    node: z.string().max(40),
    electron: z.string().max(40).nullable(),
    os: z.object({ platform: z.string().max(40), release: z.string().max(100), arch: z.string().max(20) }),
    memory: z.object({ rssBytes: count, heapUsedBytes: count, systemTotalBytes: count, systemFreeBytes: count }),
    uptime: z.object({ processSeconds: count, systemSeconds: count }),
  }),
  disk: z.object({
    freeBytes: count.nullable(),
    totalBytes: count.nullable(),
    /** daiban.db with its WAL, and the encrypted scans beside it. */
    storeBytes: count,
    attachmentsBytes: count,
  }),
  integrity: z.object({
    /** Every check below passed. */
    ok: z.boolean(),
    quickCheck: checkResult,
    /**
     * SQLite3 Multiple Ciphers has no `cipher_integrity_check` pragma; with hmac_check on, every page read is
     * authenticated, and quick_check reads every page of every table and index, so a damaged or altered page
     * shows there. `ok` here is: HMAC checking is on and quick_check passed.
     */
    cipher: z.object({ ok: z.boolean(), cipher: z.string().max(40).nullable(), hmacCheck: z.boolean(), library: z.string().max(80).nullable() }),
    foreignKeyViolations: count,
    auditChain: z.object({
      ok: z.boolean(),
      entries: count,
      brokenAt: z.number().int().nullable(),
      reason: z.string().max(40).nullable(),
      head: z.object({ seq: count, hash: z.string().max(64) }).nullable(),
    }),
    durationMs: count,
  }),
  queue: z.object({
    /** Local applications by status (a village's own; a township has none). */
    applications: z.record(z.string(), count),
    drafts: count,
    /** A township's replica of its villages' applications, by status. */
    reviewReplica: z.record(z.string(), count),
    outbox: z.object({
      pending: count,
      accepted: count,
      duplicate: count,
      conflict: count,
      invalid: count,
      pendingByKind: z.record(z.string(), count),
      oldestPendingAt: iso.nullable(),
      oldestPendingAgeSeconds: count.nullable(),
    }),
    blobs: z.object({ pendingUpload: count, broken: count, uploaded: count }),
    attachments: count,
  }),
  sync: z.object({
    lastSuccessAt: iso.nullable(),
    lastAttemptAt: iso.nullable(),
    /** The Chinese sentence the sync panel shows (scrubbed like the logs). */
    lastError: z.string().max(500).nullable(),
    /** What the running agent knows since the app started (null when the bundle was built without it). */
    lastErrorKind: z.string().max(40).nullable(),
    lastErrorCode: z.string().max(60).nullable(),
    consecutiveFailures: count.nullable(),
    online: z.boolean().nullable(),
    serverOffsetMs: z.number().int().nullable(),
  }),
  /** Helper-provided summaries (backups) when the build has them; free-form but small. */
  backups: z.unknown().optional(),
  logs: z.object({
    files: z.array(z.object({ name: z.string().max(100), bytes: count })).max(20),
    /** The newest lines, oldest first, scrubbed. */
    lines: z.array(z.string().max(DIAGNOSTICS_LIMITS.logLineChars + 20)).max(DIAGNOSTICS_LIMITS.logLines),
    /** Older lines (or long ones) were left out. */
    truncated: z.boolean(),
    /** How many names, ID numbers and phone numbers were replaced with REDACTED. */
    redactions: count,
  }),
});
export type DiagnosticsBundle = z.infer<typeof diagnosticsBundleSchema>;

/** `daiban-diagnostics-<terminal>-<YYYYMMDD-HHmm>.json.gz`, the time in Beijing time (what IT staff read). */
export function diagnosticsFileName(terminal: string, at: Date): string {
  const bj = new Date(at.getTime() + 8 * 3600_000).toISOString();
  const stamp = `${bj.slice(0, 4)}${bj.slice(5, 7)}${bj.slice(8, 10)}-${bj.slice(11, 13)}${bj.slice(14, 16)}`;
  return `daiban-diagnostics-${terminal.replace(/[^A-Za-z0-9-]/g, '')}-${stamp}.json.gz`;
}
