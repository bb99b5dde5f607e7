import type { Migration } from './types';

/**
 * Store versions across releases (issue #16, docs/updates.md): the store schema a release ships (from its
 * `daiban-release.json`, or `--store-schema`), written into the feed so a terminal refuses a rollback that could
 * not open its store; and what a terminal last said about its store (heartbeat `storeNotice`: a downgrade it
 * refused, or its rollback to a backup), which the fleet view flags.
 */
export const STORE_NOTICES_MIGRATION: Migration = {
  version: 19,
  name: 'store-versions',
  statements: [`ALTER TABLE terminals ADD COLUMN store_notice jsonb`, `ALTER TABLE releases ADD COLUMN store_schema integer`],
};
