import type { Migration } from './migration';

const plainSource = (source: string): string => {
  if (!/^[a-z][a-z0-9_]*$/.test(source)) throw new Error(`source ${source} is not a plain identifier`);
  return source;
};

/** The columns event_arrivals takes from a raw table, in its order. */
const arrivalColumns = (source: string) =>
  `SELECT '${plainSource(source)}' AS source, ingested_at, unit_code, type, occurred_at, event_id
FROM ${source}_events`;

/** The view that records each row stored in a source's raw table in event_arrivals (migration 0065). */
export const arrivalsViewStatement = (source: string): string =>
  `CREATE MATERIALIZED VIEW IF NOT EXISTS ${plainSource(source)}_events_to_arrivals
TO event_arrivals AS
${arrivalColumns(source)}`;

/** Copies the rows a raw table held before its arrivals view existed. */
export const arrivalsCopyStatement = (source: string): string =>
  `INSERT INTO event_arrivals
${arrivalColumns(source)}`;

/**
 * The migration a new source comes with: its raw-event table (the columns and engine of every
 * raw table), the view that feeds its events into the hourly counts and the one that records their
 * arrivals. Released migrations made
 * with it are frozen by their checksums (schema.spec.ts), so this text can never change either.
 */
export function sourceTablesMigration(id: string, source: string): Migration {
  plainSource(source);
  return {
    id,
    statements: [
      `CREATE TABLE IF NOT EXISTS ${source}_events (
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
      `CREATE MATERIALIZED VIEW IF NOT EXISTS ${source}_events_to_hourly_counts
TO event_counts_hourly AS
SELECT unit_code, '${source}' AS source, type, toStartOfHour(occurred_at) AS hour, uniqExactState(event_id) AS event_ids
FROM ${source}_events
GROUP BY unit_code, type, hour`,
      arrivalsViewStatement(source),
    ],
  };
}
