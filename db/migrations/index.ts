import * as m001 from './001-initial';
import * as m002 from './002-status-counts';
import * as m003 from './003-sync';
import * as m004 from './004-review';
import * as m005 from './005-it-role';
import * as m006 from './006-hostile-edges';
import * as m007 from './007-password-change';
import * as m008 from './008-households';
import * as m009 from './009-terminal-keys';
import * as m010 from './010-divisions';
import * as m011 from './011-calendar';
import * as m012 from './012-supplement-changes';
import * as m013 from './013-outbox-blobs';
import * as m014 from './014-review-levels';
import * as m015 from './015-ratings';
import * as m016 from './016-schema-history';
import * as m017 from './017-transfers';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** Forward-only. Append a new file for every change; never edit a migration that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: m001.up },
  { version: 2, name: 'status-counts', up: m002.up },
  { version: 3, name: 'sync', up: m003.up },
  { version: 4, name: 'review', up: m004.up },
  { version: 5, name: 'it-role', up: m005.up },
  { version: 6, name: 'hostile-edges', up: m006.up },
  { version: 7, name: 'password-change', up: m007.up },
  { version: 8, name: 'households', up: m008.up },
  { version: 9, name: 'terminal-keys', up: m009.up },
  { version: 10, name: 'divisions', up: m010.up },
  { version: 11, name: 'calendar', up: m011.up },
  { version: 12, name: 'supplement-changes', up: m012.up },
  { version: 13, name: 'outbox-blobs', up: m013.up },
  { version: 14, name: 'review-levels', up: m014.up },
  { version: 15, name: 'ratings', up: m015.up },
  { version: 16, name: 'schema-history', up: m016.up },
  { version: 17, name: 'transfers', up: m017.up },
];

export const LATEST_VERSION = MIGRATIONS.length;
