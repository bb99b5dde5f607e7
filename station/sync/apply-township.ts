import type { ApplicationDecided, ApplicationReceived, NoticeEnded } from '../../core/sync/changes';
import type { HandoverConfirmed, HandoverListed } from '../../core/sync/messages';
import type { ApplicationStatus } from '../../core/lifecycle';
import {
  confirmHandover,
  findDecision,
  findReview,
  findSupplementRecord,
  hasPendingDecision,
  insertDecision,
  insertHandover,
  insertReviewEvent,
  markNoticeEnded,
  saveNotice,
  saveReview,
  saveSupplementRecord,
  setDecisionState,
  type ReviewRow,
  type StoreDb,
} from '../../db';
import { decisionEventType, decisionNote, noticeEndedNote } from '../review/decision-views';
import { diffVersions } from '../../core/supplement-diff';
import { arrivedDecisionRow } from './decided-row';

/** Who the replica's history names for what the platform reported. */
export const PLATFORM_NAME = '省级平台';

/**
 * Statuses the platform may still report while our own decision waits in the outbox (a township's before its
 * decision, or during the notice; a county's before its approval): ours wins until it settles.
 */
const BEFORE_DECISION: ReadonlySet<ApplicationStatus> = new Set(['sent', 'under_review', 'supplemented', 'publicizing', 'county_review']);

function shownStatus(db: StoreDb, applicationId: string, local: ApplicationStatus | null, platform: ApplicationStatus): ApplicationStatus {
  if (local !== null && hasPendingDecision(db, applicationId) && BEFORE_DECISION.has(platform)) return local;
  return platform;
}

/** An application's state and content for the township's replica; false when it cannot be placed (no content yet). */
export function applyReceived(db: StoreDb, c: ApplicationReceived, at: string): boolean {
  const before = findReview(db, c.applicationId);
  const sub = c.submission;
  if (!before && !sub) return false;
  const base: ReviewRow = before ?? {
    id: c.applicationId,
    receiptNo: sub!.receiptNo,
    villageCode: sub!.divisionCode,
    itemCode: sub!.itemCode,
    catalogVersion: sub!.catalogVersion,
    status: c.status,
    platformStatus: c.status,
    resident: sub!.resident,
    form: sub!.form,
    materials: sub!.materials,
    attachments: sub!.attachments,
    cadreName: sub!.cadre.name,
    submittedAt: sub!.submittedAt,
    dueDate: sub!.dueDate,
    receivedAt: c.receivedAt,
    updatedAt: at,
  };
  const row: ReviewRow = { ...base, platformStatus: c.status, status: shownStatus(db, c.applicationId, before?.status ?? null, c.status), updatedAt: at };
  const s = c.supplement;
  // The reviewer sees what this supplement changed against the version reviewed before it.
  // A supplement seen again (a repeated change) keeps the record of its first arrival.
  if (s && before && findSupplementRecord(db, row.id)?.supplementedAt !== s.supplementedAt) {
    saveSupplementRecord(db, row.id, {
      supplementedAt: s.supplementedAt,
      diff: diffVersions(before, s),
      responses: s.responses ?? null,
      note: s.note,
    });
  }
  if (s) Object.assign(row, { form: s.form, materials: s.materials, attachments: s.attachments, ...(s.dueDate ? { dueDate: s.dueDate } : {}) });
  saveReview(db, row);
  if (!before) {
    insertReviewEvent(db, row.id, { at: sub!.submittedAt, type: 'received', status: row.status, actorName: sub!.cadre.name, note: null });
  }
  if (s) {
    insertReviewEvent(db, row.id, { at: s.supplementedAt, type: 'supplemented', status: row.status, actorName: s.cadre.name, note: s.note });
  } else if (before && before.platformStatus !== c.status) {
    // A withdrawal says when and why, where the platform sent it (older platforms do not).
    const w = c.status === 'withdrawn' ? c.withdrawal : undefined;
    insertReviewEvent(db, row.id, {
      at: w?.withdrawnAt ?? at,
      type: c.status === 'withdrawn' ? 'withdrawn' : 'status',
      status: row.status,
      actorName: PLATFORM_NAME,
      note: w?.reason ?? null,
    });
  }
  return true;
}

/** A decision the platform accepted: ours becomes final, another terminal's is recorded. */
export function applyDecidedOnTownship(db: StoreDb, d: ApplicationDecided, at: string): boolean {
  const mine = findDecision(db, d.decisionId);
  if (mine) {
    if (mine.state !== 'synced') setDecisionState(db, mine.id, 'synced', null);
  } else {
    insertDecision(db, arrivedDecisionRow(d, at));
  }
  const row = findReview(db, d.applicationId);
  if (!row) return true;
  if (d.notice) saveNotice(db, row.id, d.notice);
  const status = shownStatus(db, row.id, row.status, d.status);
  saveReview(db, { ...row, platformStatus: d.status, status, updatedAt: at });
  if (!mine)
    insertReviewEvent(db, row.id, {
      at: d.decidedAt,
      type: decisionEventType(d.step, d.decision),
      status,
      actorName: d.reviewer.name,
      note: decisionNote(d),
    });
  return true;
}

/** A notice ran out: the replica follows the platform's status (unless our own decision waits) and notes it. */
export function applyNoticeEndedOnTownship(db: StoreDb, n: NoticeEnded, at: string): boolean {
  const row = findReview(db, n.applicationId);
  if (!row || row.platformStatus !== 'publicizing') return false;
  markNoticeEnded(db, row.id, n, n.endedAt);
  const status = shownStatus(db, row.id, row.status, n.status);
  saveReview(db, { ...row, platformStatus: n.status, status, updatedAt: at });
  insertReviewEvent(db, row.id, { at: n.endedAt, type: 'notice_ended', status, actorName: PLATFORM_NAME, note: noticeEndedNote(n) });
  return true;
}

/** A village's handover list (or the echo of one this terminal made): kept once. */
export function applyHandoverListed(db: StoreDb, h: HandoverListed): boolean {
  insertHandover(db, {
    id: h.listId,
    listNo: h.listNo,
    villageCode: h.divisionCode,
    createdAt: h.createdAt,
    createdByName: h.cadre.name,
    confirmedAt: null,
    confirmedByName: null,
    missing: [],
    messageId: null,
    items: h.applications.map((a) => ({ applicationId: a.applicationId, receiptNo: a.receiptNo, materialKeys: a.materialKeys })),
  });
  return true;
}

/** The township's confirmation of a list, on either side. */
export function applyHandoverConfirmed(db: StoreDb, h: HandoverConfirmed): boolean {
  return confirmHandover(db, {
    id: h.listId,
    confirmedAt: h.confirmedAt,
    confirmedByName: h.reviewer.name,
    missing: h.missing.map((m) => ({ applicationId: m.applicationId, materialKey: m.materialKey, note: m.note })),
  });
}
