import type { Migration } from '../migration';

/** Reference denominators (rosters, agency lists): versions by valid_from, the latest recorded wins. */
export const createReferenceCounts: Migration = {
  id: '0005_create_reference_counts',
  statements: [
    `CREATE TABLE IF NOT EXISTS reference_counts (
  unit_code String,
  reference String,
  count UInt32,
  valid_from Date,
  recorded_at DateTime
) ENGINE = ReplacingMergeTree(recorded_at)
ORDER BY (reference, unit_code, valid_from)`,
  ],
};
