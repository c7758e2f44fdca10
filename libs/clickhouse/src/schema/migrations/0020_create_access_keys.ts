import type { Migration } from '../migration';

/**
 * Access keys shared by every app (libs/access): one row per issue, rotation or revocation, the
 * highest version of an id wins. Only the SHA-256 of a key is stored.
 */
export const createAccessKeys: Migration = {
  id: '0020_create_access_keys',
  statements: [
    `CREATE TABLE IF NOT EXISTS access_keys (
  id String,
  sha256 String,
  role String,
  units Array(String),
  sources Array(String),
  created_at DateTime('UTC'),
  revoked_at DateTime('UTC'),
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY id`,
  ],
};
