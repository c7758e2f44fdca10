import type { Migration } from '../migration';

/** Records refused at ingest, with the reason and the raw bytes (capped), keyed by their Kafka position. */
export const createIngestRejects: Migration = {
  id: '0003_create_ingest_rejects',
  statements: [
    `CREATE TABLE IF NOT EXISTS ingest_rejects (
  topic String,
  partition UInt32,
  offset UInt64,
  reject_code String,
  reason String,
  raw String,
  raw_bytes UInt32,
  rejected_at DateTime('Asia/Ho_Chi_Minh')
) ENGINE = ReplacingMergeTree()
ORDER BY (topic, partition, offset)`,
  ],
};
