import type { DiagnosticsBundle } from '../../core/diagnostics/bundle';
import { auditHead, verifyAuditChain, type StoreDb } from '../../db';

type Integrity = DiagnosticsBundle['integrity'];

const MAX_MESSAGES = 10;
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 500);

function quickCheck(db: StoreDb): Integrity['quickCheck'] {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const messages = rows.map((r) => String(r.quick_check).slice(0, 500));
    return { ok: messages.length === 1 && messages[0] === 'ok', messages: messages.slice(0, MAX_MESSAGES) };
  } catch (e) {
    // A page that fails its HMAC or a malformed b-tree throws instead of answering rows.
    return { ok: false, messages: [messageOf(e)] };
  }
}

function simplePragma(db: StoreDb, name: string): string | null {
  try {
    const v: unknown = db.pragma(name, { simple: true });
    return v === undefined || v === null ? null : String(v);
  } catch {
    return null;
  }
}

function cipherLibrary(db: StoreDb): string | null {
  try {
    return (db.prepare('SELECT sqlite3mc_version() AS v').get() as { v: string }).v;
  } catch {
    return null;
  }
}

function foreignKeyViolations(db: StoreDb): number {
  try {
    return (db.pragma('foreign_key_check') as unknown[]).length;
  } catch {
    return 0;
  }
}

/**
 * The store's checks, run on the live connection (a diagnostics request is rare and quick_check reads the
 * file once): b-tree structure, page authentication, foreign keys, and the audit log's hash chain.
 */
export function checkStoreIntegrity(db: StoreDb): Integrity {
  const started = performance.now();
  const quick = quickCheck(db);
  const hmacCheck = simplePragma(db, 'hmac_check') === '1';
  const cipher = { ok: hmacCheck && quick.ok, cipher: simplePragma(db, 'cipher'), hmacCheck, library: cipherLibrary(db) };
  const fk = foreignKeyViolations(db);
  let auditChain: Integrity['auditChain'];
  try {
    const v = verifyAuditChain(db);
    auditChain = { ok: v.ok, entries: v.entries, brokenAt: v.ok ? null : v.brokenAt, reason: v.ok ? null : v.reason, head: auditHead(db) };
  } catch (e) {
    auditChain = { ok: false, entries: 0, brokenAt: null, reason: messageOf(e).slice(0, 40), head: null };
  }
  return {
    ok: quick.ok && cipher.ok && fk === 0 && auditChain.ok,
    quickCheck: quick,
    cipher,
    foreignKeyViolations: fk,
    auditChain,
    durationMs: Math.round(performance.now() - started),
  };
}
