import type { RatingRequestView, RatingView } from '../../core/api/rating-methods';
import type { StationEvent } from '../../core/api/events';

/** A resident's screen that asked within this long is there (it asks every few seconds). */
const PAD_SEEN_MS = 12_000;

/**
 * The rating at the counter between two screens: the cadre's window asks, the resident's screen (评价屏) shows
 * the request and either side may answer; the first answer ends it, and both hear so (`rating.done`). In
 * memory only: a request does not outlive the session it was asked in, and nothing is lost with it (the
 * application can be rated later from its page).
 */
export interface RatingDesk {
  /** `by`: the user who asked; the request shows only while that user is the one logged in. */
  ask(request: RatingRequestView, by: string): { padOpen: boolean };
  /** The resident's screen asking what to show for the user now logged in (null: nobody); counts as the screen being there. */
  asked(user: string | null): RatingRequestView | null;
  /** The same, asked by the cadre's side: says nothing of the resident's screen. */
  pending(user: string | null): RatingRequestView | null;
  /** A rating was saved (`rating`) or the resident declined (null). */
  done(applicationId: string, stage: string, rating: RatingView | null): void;
}

export function createRatingDesk(emit: (e: StationEvent) => void, now: () => number = Date.now): RatingDesk {
  let request: RatingRequestView | null = null;
  let askedBy: string | null = null;
  let padSeenAt = -Infinity;
  const set = (r: RatingRequestView | null, by: string | null = null) => {
    request = r;
    askedBy = by;
    emit({ type: 'rating.asked', request: r });
  };
  return {
    ask(r, by) {
      set(r, by);
      return { padOpen: now() - padSeenAt < PAD_SEEN_MS };
    },
    asked(user) {
      padSeenAt = now();
      return this.pending(user);
    },
    pending(user) {
      return user !== null && user === askedBy ? request : null;
    },
    done(applicationId, stage, rating) {
      if (request && request.applicationId === applicationId && request.stage === stage) set(null);
      emit({ type: 'rating.done', applicationId, stage, rating });
    },
  };
}
