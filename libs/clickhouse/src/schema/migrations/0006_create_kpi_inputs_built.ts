import type { Migration } from '../migration';

/** Which KPI inputs have had their history derived, so a KPI added later gets it once, at start-up. */
export const createKpiInputsBuilt: Migration = {
  id: '0006_create_kpi_inputs_built',
  statements: [
    `CREATE TABLE IF NOT EXISTS kpi_inputs_built (
  input_id String,
  built_at DateTime
) ENGINE = ReplacingMergeTree(built_at)
ORDER BY input_id`,
  ],
};
