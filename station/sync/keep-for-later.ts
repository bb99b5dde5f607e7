/**
 * Thrown while a change is applied: this version cannot apply it yet (a kind it does not know, a body it
 * cannot read, or something it refers to that has not arrived), so it is kept in deferred_changes and tried
 * again on later runs (apply-changes.ts), never lost behind the cursor.
 */
export class KeepForLater {
  constructor(readonly reason: 'unknown_kind' | 'malformed') {}
}
