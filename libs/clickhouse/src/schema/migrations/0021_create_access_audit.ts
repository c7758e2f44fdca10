import type { Migration } from '../migration';

/**
 * Who saw what: one row per read or refusal of coc-gateway and ioc-sync (AccessAuditV1), written
 * only by ingest from coc.access-audit.v1. Ordered by the unit asked about, then time, for the
 * documented questions ("what did commune X's screen show on day D", "who pulled district Y's
 * rollups last week"); partitioned by local month so retention drops whole months (18.16 has no
 * TTL). A redelivered entry has the same id and collapses on merge (queries read FINAL).
 */
export const createAccessAudit: Migration = {
  id: '0021_create_access_audit',
  statements: [
    `CREATE TABLE IF NOT EXISTS access_audit (
  unit_code String,
  at DateTime('Asia/Ho_Chi_Minh'),
  id String,
  app String,
  channel String,
  principal_id String,
  role String,
  scope Array(String),
  address String,
  action String,
  unit_codes Array(String),
  kpi_ids Array(String),
  period_name String,
  period_from String,
  period_to String,
  as_of String,
  outcome String,
  status UInt16,
  detail String,
  stored_at DateTime('Asia/Ho_Chi_Minh')
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(at)
ORDER BY (unit_code, at, id)`,
  ],
};
