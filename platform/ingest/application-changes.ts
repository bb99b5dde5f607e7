import type { ApplicationStatus } from '../../core/lifecycle';
import type { ApplicationSupplemented, ApplicationWithdrawn, ReviewDecided } from '../../core/sync/messages';
import { CHANGE_KINDS, type ApplicationDecided, type ApplicationReceived, type NoticeEnded, type NoticeWindow } from '../../core/sync/changes';
import type { NewChange } from '../change-feed';

/**
 * Change-feed entries about applications. Every body is parsed with its CHANGE_KINDS schema before it is
 * appended: a terminal skips a malformed change, so writing one would silently lose it.
 */

/**
 * For the township terminals above the village (fan_up): the application's status, with the whole
 * submission when it arrives (`withSubmission`: added by the feed when read, from the projection, and
 * validated already as the message's body), the supplement when one arrives and the withdrawal with its
 * reason, so the township keeps a replica it can review offline. What a terminal's own message did
 * (`origin`: a submission, supplement, withdrawal, completion) goes to the village's other terminals as well
 * (migration 20).
 */
export function receivedChange(
  divisionCode: string,
  fields: { applicationId: string; receiptNo: string; status: ApplicationStatus; at: string },
  extra: { withSubmission?: boolean; supplement?: ApplicationSupplemented; withdrawal?: ApplicationWithdrawn; origin?: string } = {},
): NewChange {
  const body: ApplicationReceived = CHANGE_KINDS['application.received'].parse({
    applicationId: fields.applicationId,
    receiptNo: fields.receiptNo,
    status: fields.status,
    receivedAt: fields.at,
    ...(extra.supplement ? { supplement: extra.supplement } : {}),
    ...(extra.withdrawal ? { withdrawal: extra.withdrawal } : {}),
  });
  return {
    kind: 'application.received',
    divisionCode,
    fanUp: true,
    body,
    submissionOf: extra.withSubmission ? fields.applicationId : undefined,
    ...(extra.origin ? { alsoOwn: true, origin: extra.origin } : {}),
  };
}

/**
 * The decision with the status it led to, twice: to the village's own terminals (not fan_up) and up to the
 * township's terminals (fan_up), so the deciding terminal learns its decision is final and the others
 * record who decided what and why (docs/review.md). Neither copy reaches the other side's feed.
 */
export function decidedChanges(
  decision: ReviewDecided,
  receiptNo: string,
  status: ApplicationStatus,
  extra: { step: ApplicationDecided['step']; notice: NoticeWindow | null },
): NewChange[] {
  const body: ApplicationDecided = CHANGE_KINDS['application.decided'].parse({
    ...decision,
    status,
    receiptNo,
    step: extra.step,
    ...(extra.notice ? { notice: extra.notice } : {}),
  });
  return [
    { kind: 'application.decided', divisionCode: decision.divisionCode, fanUp: false, body },
    { kind: 'application.decided', divisionCode: decision.divisionCode, fanUp: true, body },
  ];
}

/** The end of a notice period, to the village (not fan_up) and up to the terminals above it (fan_up). */
export function noticeEndedChanges(ended: NoticeEnded): NewChange[] {
  const body = CHANGE_KINDS['notice.ended'].parse(ended);
  return [
    { kind: 'notice.ended', divisionCode: ended.divisionCode, fanUp: false, body },
    { kind: 'notice.ended', divisionCode: ended.divisionCode, fanUp: true, body },
  ];
}
