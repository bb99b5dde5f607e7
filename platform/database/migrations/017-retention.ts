import type { Migration } from './types';

/**
 * Retention (issue #18, platform/retention.ts): the purges find their rows by time through an index each, so an
 * hourly purge reads only what it deletes.
 */
export const RETENTION_MIGRATION: Migration = {
  version: 17,
  name: 'retention',
  statements: [
    `CREATE INDEX messages_received ON messages (received_at)`,
    `CREATE INDEX enrollment_codes_spent ON enrollment_codes (COALESCE(used_at, expires_at))`,
    `CREATE INDEX gateway_outbox_delivered ON gateway_outbox (delivered_at) WHERE delivered_at IS NOT NULL`,
  ],
};
