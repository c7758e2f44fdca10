import type { Migration } from '../migration';

/**
 * Hourly event counts per unit and type, kept as sets of event ids (uniqExact states) rather than
 * numbers: merging sets is a union, so a redelivered event adds nothing, whichever insert block or
 * hour, day or parent unit it is merged into. Local days are whole hours because UTC+7 has no DST.
 */
export const createHourlyEventCounts: Migration = {
  id: '0002_create_hourly_event_counts',
  statements: [
    `CREATE TABLE IF NOT EXISTS event_counts_hourly (
  unit_code String,
  source String,
  type String,
  hour DateTime('Asia/Ho_Chi_Minh'),
  event_ids AggregateFunction(uniqExact, String)
) ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(hour)
ORDER BY (unit_code, type, hour)`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS qlvb_events_to_hourly_counts
TO event_counts_hourly AS
SELECT unit_code, 'qlvb' AS source, type, toStartOfHour(occurred_at) AS hour, uniqExactState(event_id) AS event_ids
FROM qlvb_events
GROUP BY unit_code, type, hour`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS onestop_events_to_hourly_counts
TO event_counts_hourly AS
SELECT unit_code, 'onestop' AS source, type, toStartOfHour(occurred_at) AS hour, uniqExactState(event_id) AS event_ids
FROM onestop_events
GROUP BY unit_code, type, hour`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS camera_events_to_hourly_counts
TO event_counts_hourly AS
SELECT unit_code, 'camera' AS source, type, toStartOfHour(occurred_at) AS hour, uniqExactState(event_id) AS event_ids
FROM camera_events
GROUP BY unit_code, type, hour`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS reporting_events_to_hourly_counts
TO event_counts_hourly AS
SELECT unit_code, 'reporting' AS source, type, toStartOfHour(occurred_at) AS hour, uniqExactState(event_id) AS event_ids
FROM reporting_events
GROUP BY unit_code, type, hour`,
  ],
};
