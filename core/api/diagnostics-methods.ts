import { z } from 'zod';
import type { StoreNotice } from '../sync/protocol';

/** Diagnostics bundle: built on the terminal without personal data, exported to a USB stick or pulled by IT over sync. */
export const diagnosticsMethods = {
  /** The bundle as a gzipped JSON file; any logged-in user (it holds no personal data). */
  'diagnostics.export': z.object({}).strict(),
  /** A short view for the maintenance screen; runs the store's checks (a second or so on a large store). */
  'diagnostics.summary': z.object({}).strict(),
  /** The store's integrity check at start (run in the background): checking, ok, or failed. */
  'diagnostics.storeState': z.object({}).strict(),
} satisfies Record<string, z.ZodType>;

/** What the maintenance screen shows of the terminal's health. */
export interface DiagnosticsSummaryView {
  checkedAt: string;
  integrity: {
    ok: boolean;
    quickCheckOk: boolean;
    foreignKeyViolations: number;
    auditChainOk: boolean;
    auditEntries: number;
    durationMs: number;
  };
  queue: {
    drafts: number;
    pending: number;
    invalid: number;
    conflict: number;
    blobsPending: number;
    oldestPendingAt: string | null;
  };
  sync: {
    enrolled: boolean;
    lastSuccessAt: string | null;
    lastAttemptAt: string | null;
    lastError: string | null;
  };
  appVersion: string;
  /** The log files' total size. */
  logBytes: number;
  freeDiskBytes: number | null;
}

/** What each of these methods resolves to. */
export interface DiagnosticsOutputs {
  'diagnostics.export': { fileName: string; dataBase64: string; bytes: number };
  'diagnostics.summary': DiagnosticsSummaryView;
  'diagnostics.storeState': StoreStateView;
}

/** The store's check at start, for the banner every screen shows when it failed. */
export interface StoreStateView {
  state: 'checking' | 'ok' | 'failed';
  checkedAt: string | null;
  /** A rollback to a backup this build had to make, or a downgrade it refused (Chinese); null when none. */
  notice: StoreNotice | null;
}
