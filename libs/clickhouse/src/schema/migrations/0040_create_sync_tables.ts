import type { Migration } from '../migration';

const TZ = "'Asia/Ho_Chi_Minh'";

/**
 * Upward sync (ioc-sync). The sending side's outbox: each batch is a sequence number with the ids
 * of the stored events it carries (the rows themselves are read from the raw tables when sent) and
 * the watermarks it vouches for, written in one insert so a batch exists whole or not at all. The
 * receiving side records which batches of each origin it applied (exactly once, in order) and the
 * latest watermarks its children vouched for.
 */
export const createSyncTables: Migration = {
  id: '0040_create_sync_tables',
  statements: [
    `CREATE TABLE IF NOT EXISTS sync_outbox (
  seq UInt64,
  kind String,
  source String,
  unit_code String,
  event_id String,
  at DateTime(${TZ}),
  rejected UInt32,
  accepted UInt32,
  created_at DateTime(${TZ})
) ENGINE = ReplacingMergeTree()
ORDER BY (seq, kind, source, unit_code, event_id)`,
    `CREATE TABLE IF NOT EXISTS sync_applied (
  origin String,
  seq UInt64,
  events UInt32,
  applied_at DateTime(${TZ})
) ENGINE = ReplacingMergeTree()
ORDER BY (origin, seq)`,
    `CREATE TABLE IF NOT EXISTS sync_marks (
  origin String,
  unit_code String,
  source String,
  complete_through DateTime(${TZ}),
  rejected UInt32,
  accepted UInt32,
  seq UInt64,
  received_at DateTime(${TZ})
) ENGINE = ReplacingMergeTree(seq)
ORDER BY (origin, unit_code, source)`,
  ],
};
