import type { Route } from '../app/nav';

/**
 * Screens where the cadre may be in the middle of a form (an application, a resident's registration, a
 * supplement, a review decision): no restart for an update there. Drafts autosave, but a half-typed field
 * or a decision not yet sent would be lost. Dialogs elsewhere (withdrawal, handover) are modal, so the
 * banner cannot be clicked while they are open.
 */
const FORM_ROUTES: ReadonlySet<Route['name']> = new Set(['form', 'residents', 'supplement', 'review-detail']);

export function isFormRoute(route: Route): boolean {
  return FORM_ROUTES.has(route.name);
}
