import type { Migration } from '../migration';

/**
 * Raw facts: one table per source, one row per event. Duplicates from redelivery may sit here
 * until a merge; every read counts distinct event ids (uniqExact or FINAL), so they never count.
 */
export const createRawEventTables: Migration = {
  id: '0001_create_raw_event_tables',
  statements: [
    `CREATE TABLE IF NOT EXISTS qlvb_events (
  event_id String,
  type String,
  schema_version UInt16,
  unit_code String,
  occurred_at DateTime('Asia/Ho_Chi_Minh'),
  produced_at DateTime('Asia/Ho_Chi_Minh'),
  ingested_at DateTime('Asia/Ho_Chi_Minh'),
  payload String
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (unit_code, type, occurred_at, event_id)`,
    `CREATE TABLE IF NOT EXISTS onestop_events (
  event_id String,
  type String,
  schema_version UInt16,
  unit_code String,
  occurred_at DateTime('Asia/Ho_Chi_Minh'),
  produced_at DateTime('Asia/Ho_Chi_Minh'),
  ingested_at DateTime('Asia/Ho_Chi_Minh'),
  payload String
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (unit_code, type, occurred_at, event_id)`,
    `CREATE TABLE IF NOT EXISTS camera_events (
  event_id String,
  type String,
  schema_version UInt16,
  unit_code String,
  occurred_at DateTime('Asia/Ho_Chi_Minh'),
  produced_at DateTime('Asia/Ho_Chi_Minh'),
  ingested_at DateTime('Asia/Ho_Chi_Minh'),
  payload String
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (unit_code, type, occurred_at, event_id)`,
    `CREATE TABLE IF NOT EXISTS reporting_events (
  event_id String,
  type String,
  schema_version UInt16,
  unit_code String,
  occurred_at DateTime('Asia/Ho_Chi_Minh'),
  produced_at DateTime('Asia/Ho_Chi_Minh'),
  ingested_at DateTime('Asia/Ho_Chi_Minh'),
  payload String
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (unit_code, type, occurred_at, event_id)`,
  ],
};
