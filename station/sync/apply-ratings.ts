import type { RatingReceived } from '../../core/sync/changes';
import type { RatingFollowedUp } from '../../core/sync/messages';
import { findRating, insertRating, recordFollowUpStep, type StoreDb } from '../../db';
import { ratingRowOf } from '../ratings/views';

/**
 * 好差评 on the township and county terminals: the replica of their villages' ratings, with the resident to
 * call back and a 差评's deadlines, and each follow-up step as the platform accepted it. A repeated change
 * changes nothing; the platform's record of a step replaces one made here (another terminal of the township may
 * have recorded it first, and the platform refused ours).
 */
export function applyRatingReceived(db: StoreDb, r: RatingReceived): boolean {
  insertRating(
    db,
    ratingRowOf(r, {
      residentName: r.resident.name,
      residentPhone: r.resident.phone,
      receivedAt: r.receivedAt,
      revisitDue: r.followUp?.revisitDue ?? null,
      rectifyDue: r.followUp?.rectifyDue ?? null,
    }),
  );
  return true;
}

/** A step of a 差评's follow-up, on the township's replica or the village's own rating; false when it has neither. */
export function applyRatingFollowedUp(db: StoreDb, f: RatingFollowedUp): boolean {
  if (!findRating(db, f.ratingId)) return false;
  recordFollowUpStep(db, f.ratingId, f.step, { at: f.at, note: f.note, byName: f.by.name, messageId: null }, { platform: true });
  return true;
}
