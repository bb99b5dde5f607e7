import { z } from 'zod';
import { isoTime, sha256Hex } from './protocol';

/**
 * The terminal's hash-chained audit log as it travels (docs/security.md): the chain goes up as outbox
 * messages of kind `audit.entries`, each one run of consecutive entries read from the chain itself
 * (station/sync/push-audit.ts). The platform keeps each terminal's chain, recomputes every hash, checks each
 * run's link to what it holds and flags gaps, rewrites and truncation (platform/ingest/store-audit.ts).
 *
 * A run carries each entry's fields once and the hashes only at its ends (the previous hash before the
 * first entry, the hash after the last): the platform recomputes the ones between. An entry is then ~40
 * bytes on the wire after gzip instead of ~130 (two SHA-256 in hex do not compress), which keeps the audit
 * trail from tripling what a village sends over a slow link.
 */
export const AUDIT_KIND = 'audit.entries';

/** The most entries in one run (about 250 bytes of JSON each: a run stays far below a batch's megabyte). */
export const AUDIT_RUN_MAX = 2000;

/** One entry's fields, in the order they are hashed: at, actor, action, entity type, entity id, detail (JSON text). */
export const auditFieldsSchema = z.tuple([
  isoTime,
  z.string().max(64).nullable(),
  z.string().min(1).max(60),
  z.string().min(1).max(60),
  z.string().max(200).nullable(),
  z.string().max(4000),
]);
export type AuditFields = z.infer<typeof auditFieldsSchema>;

export const auditRunSchema = z.object({
  /** The seq of the first entry; the others follow one by one. */
  fromSeq: z.number().int().min(1),
  /** The hash before the first entry (GENESIS_HASH before entry 1). */
  prevHash: sha256Hex,
  entries: z.array(auditFieldsSchema).min(1).max(AUDIT_RUN_MAX),
  /** The terminal's hash of the last entry: the platform's recomputation must arrive at it. */
  headHash: sha256Hex,
});
export type AuditRun = z.infer<typeof auditRunSchema>;

/** One entry as stored and hashed on either side. */
export interface AuditEntryBody {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  detail: string;
  prevHash: string;
  hash: string;
}

/** The first entry's previous hash. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: every field and the previous hash, so editing, inserting or deleting breaks the chain. */
export function auditCanonical(e: Omit<AuditEntryBody, 'hash'>): string {
  return JSON.stringify([e.seq, e.at, e.actorId, e.action, e.entityType, e.entityId, e.detail, e.prevHash]);
}

/** The fields of an entry in a run's order. */
export function auditFieldsOf(e: Pick<AuditEntryBody, 'at' | 'actorId' | 'action' | 'entityType' | 'entityId' | 'detail'>): AuditFields {
  return [e.at, e.actorId, e.action, e.entityType, e.entityId, e.detail];
}

/**
 * The entries of a run with their hashes, recomputed from the run's previous hash with `sha256` (hex), which
 * each side brings (core has no crypto).
 */
export function expandAuditRun(run: AuditRun, sha256: (text: string) => string): AuditEntryBody[] {
  let prevHash = run.prevHash;
  return run.entries.map(([at, actorId, action, entityType, entityId, detail], i) => {
    const partial = { seq: run.fromSeq + i, at, actorId, action, entityType, entityId, detail, prevHash };
    const hash = sha256(auditCanonical(partial));
    prevHash = hash;
    return { ...partial, hash };
  });
}

/** What the platform found wrong with a terminal's chain (the fleet view and `platform fleet`). */
export const AUDIT_FINDINGS = ['gap', 'rewrite', 'truncated', 'bad_hash'] as const;
export type AuditFindingKind = (typeof AUDIT_FINDINGS)[number];

export const AUDIT_FINDING_LABEL: Record<AuditFindingKind, string> = {
  gap: '审计日志中间缺少记录（有记录被删除）',
  rewrite: '审计日志已上报的记录被改写',
  truncated: '审计日志末尾的记录被截掉',
  bad_hash: '审计记录的校验值与内容不符（记录被篡改）',
};
