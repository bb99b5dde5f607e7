import type { Migration } from './types';

/**
 * Ingest near the INSERT ceiling (issue #18): an application.submitted message's text is not stored twice.
 * The application row keeps its content (`applications.body`, or `original_body` once a supplement has
 * changed it), so the message log keeps its id, hash, kind and where it came from, and NULL for the body.
 */
export const LEAN_MESSAGES_MIGRATION: Migration = {
  version: 15,
  name: 'lean-messages',
  statements: [`ALTER TABLE messages ALTER COLUMN body DROP NOT NULL`],
};
