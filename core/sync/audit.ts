import { z } from 'zod';
import { isoTime, sha256Hex } from './protocol';

/**
 * The terminal's hash-chained audit log as it travels (DESIGN.md §4, §5): every entry goes up as an outbox
 * message of kind `audit.entry`, read from the chain itself (station/sync/push-audit.ts), and the platform
 * keeps each terminal's chain, checks every link and flags gaps, rewrites and truncation
 * (platform/ingest/store-audit.ts). The hash is SHA-256 of `auditCanonical`: both sides hash the same text.
 */
export const AUDIT_KIND = 'audit.entry';

export const auditEntrySchema = z.object({
  seq: z.number().int().min(1),
  at: isoTime,
  actorId: z.string().max(64).nullable(),
  action: z.string().min(1).max(60),
  entityType: z.string().min(1).max(60),
  entityId: z.string().max(200).nullable(),
  /** The JSON text of the entry's detail, exactly as hashed. */
  detail: z.string().max(4000),
  prevHash: sha256Hex,
  hash: sha256Hex,
});
export type AuditEntryBody = z.infer<typeof auditEntrySchema>;

/** The first entry's previous hash. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: every field and the previous hash, so editing, inserting or deleting breaks the chain. */
export function auditCanonical(e: Omit<AuditEntryBody, 'hash'>): string {
  return JSON.stringify([e.seq, e.at, e.actorId, e.action, e.entityType, e.entityId, e.detail, e.prevHash]);
}

/** What the platform found wrong with a terminal's chain (fleet view, `platform audit`). */
export const AUDIT_FINDINGS = ['gap', 'rewrite', 'truncated', 'bad_hash'] as const;
export type AuditFindingKind = (typeof AUDIT_FINDINGS)[number];

export const AUDIT_FINDING_LABEL: Record<AuditFindingKind, string> = {
  gap: '审计日志中间缺少记录（有记录被删除）',
  rewrite: '审计日志已上报的记录被改写',
  truncated: '审计日志末尾的记录被截掉',
  bad_hash: '审计记录的校验值与内容不符（记录被篡改）',
};
