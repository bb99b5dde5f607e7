/**
 * The platform's schema: numbered, forward-only migrations, one file each, the same SQL for PostgreSQL and
 * PGlite. Never edit one that has shipped; add the next number.
 */
import { INITIAL } from './001-initial';
import { REVIEW } from './002-review';
import { RELEASES_MIGRATION } from './003-releases';
import { FLEET_MIGRATION } from './004-fleet';
import { DIAGNOSTICS_MIGRATION } from './005-diagnostics';
import { HOSTILE_EDGES_MIGRATION } from './006-hostile-edges';
import { PASSWORD_CHANGE_MIGRATION } from './007-password-change';
import { TERMINAL_KEYS_MIGRATION } from './008-terminal-keys';
import { DIVISIONS_MIGRATION } from './009-divisions';
import { CALENDAR_MIGRATION } from './010-calendar';
import { COUNTY_TERMINALS_MIGRATION } from './011-county-terminals';
import { REVIEW_LEVELS_MIGRATION } from './012-review-levels';
import { FEED_AUDIENCE_MIGRATION } from './013-feed-audience';
import { SHARED_THROTTLES_MIGRATION } from './014-shared-throttles';
import { LEAN_MESSAGES_MIGRATION } from './015-lean-messages';
import { GATEWAY_MIGRATION } from './016-gateway';
import { RETENTION_MIGRATION } from './017-retention';
import { RATINGS_MIGRATION } from './018-ratings';
import { STORE_NOTICES_MIGRATION } from './019-store-notices';
import { VILLAGE_TERMINALS_MIGRATION } from './020-village-terminals';
import { TRANSFER_FILES_MIGRATION } from './021-transfer-files';

export type { Migration } from './types';

export const MIGRATIONS = [
  INITIAL,
  REVIEW,
  RELEASES_MIGRATION,
  FLEET_MIGRATION,
  DIAGNOSTICS_MIGRATION,
  HOSTILE_EDGES_MIGRATION,
  PASSWORD_CHANGE_MIGRATION,
  TERMINAL_KEYS_MIGRATION,
  DIVISIONS_MIGRATION,
  CALENDAR_MIGRATION,
  COUNTY_TERMINALS_MIGRATION,
  REVIEW_LEVELS_MIGRATION,
  FEED_AUDIENCE_MIGRATION,
  SHARED_THROTTLES_MIGRATION,
  LEAN_MESSAGES_MIGRATION,
  GATEWAY_MIGRATION,
  RETENTION_MIGRATION,
  RATINGS_MIGRATION,
  STORE_NOTICES_MIGRATION,
  VILLAGE_TERMINALS_MIGRATION,
  TRANSFER_FILES_MIGRATION,
];
