import type { SyncPhase, SyncProblemView, SyncStatusView } from '../../core/api/views';
import { countBlobsToUpload, countPending, findApplication, findReview, getSetting, listBrokenBlobs, listRefusedMessages, type StoreDb } from '../../db';
import { SETTINGS } from '../runtime/settings-keys';
import { applicationIdOf } from './settle-batch';

/** What only the running agent knows; the rest of the status is read from the store. */
export interface AgentState {
  online: boolean | null;
  syncing: boolean;
  phase: SyncPhase;
  progress: { done: number; total: number } | null;
  nextAttemptAt: string | null;
}

const MAX_PROBLEMS = 100;

function receiptNoOf(db: StoreDb, body: string, applicationId: string | null): string | null {
  try {
    const r = (JSON.parse(body) as { receiptNo?: unknown }).receiptNo;
    if (typeof r === 'string') return r;
  } catch {
    /* fall through to the application */
  }
  if (!applicationId) return null;
  // A village's own application, or (township) the replica's copy a decision was about.
  return findApplication(db, applicationId)?.receiptNo ?? findReview(db, applicationId)?.receiptNo ?? null;
}

/** Refused messages and scans that cannot go up, newest first: nothing here holds the queue back. */
export function listProblems(db: StoreDb): SyncProblemView[] {
  const scans = listBrokenBlobs(db, MAX_PROBLEMS).map((b): SyncProblemView => {
    const applicationId = applicationIdOf(b);
    return {
      messageId: `${b.messageId}:${b.sha256}`,
      kind: 'attachment',
      applicationId,
      receiptNo: receiptNoOf(db, b.body, applicationId),
      reason: b.reason,
      at: b.at,
    };
  });
  const messages = listRefusedMessages(db, MAX_PROBLEMS).map((m): SyncProblemView => {
    const applicationId = applicationIdOf(m);
    return {
      messageId: m.id,
      kind: m.kind,
      applicationId,
      receiptNo: receiptNoOf(db, m.body, applicationId),
      reason: m.lastError ?? (m.status === 'conflict' ? '省级平台已有同一编号但内容不同的记录，需人工核对。' : '省级平台未接收该记录。'),
      at: m.settledAt ?? m.createdAt,
    };
  });
  return [...messages, ...scans].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, MAX_PROBLEMS);
}

/** Problems name residents' applications, so only a logged-in user sees them. */
export function buildSyncStatus(db: StoreDb, state: AgentState, withProblems: boolean): SyncStatusView {
  const role = getSetting(db, SETTINGS.terminalRole);
  const terminalId = getSetting(db, SETTINGS.terminalId);
  return {
    enrolled: terminalId !== null,
    platformUrl: getSetting(db, SETTINGS.platformUrl),
    terminalId,
    role: role === 'village' || role === 'township' || role === 'county' ? role : null,
    online: state.online,
    syncing: state.syncing,
    phase: state.phase,
    progress: state.progress,
    lastSuccessAt: getSetting(db, SETTINGS.lastSuccessAt),
    lastAttemptAt: getSetting(db, SETTINGS.lastAttemptAt),
    lastError: getSetting(db, SETTINGS.lastError),
    pending: countPending(db),
    pendingBlobs: countBlobsToUpload(db),
    nextAttemptAt: state.nextAttemptAt,
    problems: withProblems ? listProblems(db) : [],
  };
}
