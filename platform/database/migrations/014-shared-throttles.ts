import type { Migration } from './types';

/**
 * Several platform instances behind one load balancer (issue #18): the guessing throttles (admin logins,
 * enrollment codes) count in PostgreSQL, so a lock-out holds whichever instance the next guess reaches.
 * Rows whose key waits no more and failed last over an hour ago are purged as the throttle goes.
 */
export const SHARED_THROTTLES_MIGRATION: Migration = {
  version: 14,
  name: 'shared-throttles',
  statements: [
    `CREATE TABLE throttle_failures (
      scope text NOT NULL,
      key text NOT NULL,
      count integer NOT NULL,
      last_at timestamptz NOT NULL,
      blocked_until timestamptz NOT NULL,
      PRIMARY KEY (scope, key)
    )`,
    `CREATE INDEX throttle_failures_last ON throttle_failures (last_at)`,
  ],
};
