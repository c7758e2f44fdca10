import type { Migration } from '../migration';
import { arrivalsCopyStatement, arrivalsViewStatement } from '../source-tables';

/** The sources when this migration was written; a later source gets its view from its own migration. */
const SOURCES = ['qlvb', 'onestop', 'camera', 'reporting'];

/**
 * When each raw row was stored, in storing order: the outbox builder takes newly stored events from
 * here. The raw tables are sorted by unit and event time, so a scan by ingested_at read every row
 * of them (payloads included) each interval. Within an instant, rows follow the raw tables' key, so
 * a page of candidates fetches its payloads from a few contiguous ranges. Partitioned like the raw
 * tables, so retention drops both together. The copies take the rows stored before the views existed;
 * rows arriving meanwhile reach both, and every read takes one row per event.
 */
export const createEventArrivals: Migration = {
  id: '0065_create_event_arrivals',
  statements: [
    `CREATE TABLE IF NOT EXISTS event_arrivals (
  source String,
  ingested_at DateTime('Asia/Ho_Chi_Minh'),
  unit_code String,
  type String,
  occurred_at DateTime('Asia/Ho_Chi_Minh'),
  event_id String
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (source, ingested_at, unit_code, type, occurred_at, event_id)`,
    ...SOURCES.map(arrivalsViewStatement),
    ...SOURCES.map(arrivalsCopyStatement),
  ],
};
