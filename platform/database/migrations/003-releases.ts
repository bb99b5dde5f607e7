import type { Migration } from './types';

/** The release store: releases per channel, their files, staging and state; terminals get an update channel. */
export const RELEASES_MIGRATION: Migration = {
  version: 3,
  name: 'releases',
  statements: [
    // id is `<channel>-<version>`: short enough for IT staff to type at the command line.
    `CREATE TABLE releases (
      id text PRIMARY KEY,
      channel text NOT NULL,
      version text NOT NULL,
      state text NOT NULL CHECK (state IN ('active', 'paused', 'rolled_back')),
      staging_percentage integer NOT NULL CHECK (staging_percentage BETWEEN 1 AND 100),
      staging_divisions jsonb NOT NULL DEFAULT '[]'::jsonb,
      notes text,
      published_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (channel, version)
    )`,
    // One row per installer. blockmap_*: the sibling .blockmap electron-builder writes for NSIS;
    // embedded_blockmap_size: the block map an AppImage carries at its end (the feed's blockMapSize).
    `CREATE TABLE release_files (
      release_id text NOT NULL REFERENCES releases (id),
      platform text NOT NULL CHECK (platform IN ('win', 'linux', 'linux-arm64')),
      name text NOT NULL,
      size bigint NOT NULL,
      sha512 text NOT NULL,
      blockmap_name text,
      blockmap_size bigint,
      blockmap_sha512 text,
      embedded_blockmap_size bigint,
      position integer NOT NULL,
      PRIMARY KEY (release_id, name)
    )`,
    `CREATE INDEX release_files_name ON release_files (name)`,
    `CREATE INDEX release_files_blockmap ON release_files (blockmap_name)`,
    `ALTER TABLE terminals ADD COLUMN update_channel text NOT NULL DEFAULT 'stable'`,
  ],
};
