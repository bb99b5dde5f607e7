import type { Migration } from './types';

/**
 * Signed receipt codes (issue #14): the township and county terminals check a paper receipt offline with the
 * public key of the village terminal that printed it. Enrollment now sends `terminal.enrolled` up the feed;
 * this gives the terminals enrolled before it the same change, in the order they were enrolled.
 */
export const TERMINAL_KEYS_MIGRATION: Migration = {
  version: 8,
  name: 'terminal-keys',
  statements: [
    `INSERT INTO changes (kind, division_code, fan_up, exact, body, created_at)
     SELECT 'terminal.enrolled', division_code, true, false,
            jsonb_build_object(
              'terminalId', id::text,
              'divisionCode', division_code,
              'terminalNo', terminal_no,
              'role', role,
              'servicePointName', service_point_name,
              'publicKey', public_key,
              'enrolledAt', to_char(enrolled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
            now()
     FROM terminals
     ORDER BY enrolled_at, id`,
  ],
};
