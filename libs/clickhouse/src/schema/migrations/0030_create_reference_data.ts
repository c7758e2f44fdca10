import type { Migration } from '../migration';

const LEGACY_IMPORT_ID = `concat(toString(toUInt64(recorded_at) * 1000), '-reference_counts')`;

const PROVENANCE = `import_id String,
  loaded_at DateTime,
  loaded_by String,
  source_document String`;

/**
 * Reference data, append-only and dated: every row keeps the date it takes effect, its import
 * (when, by whom, from which document). An import is one row in reference_imports, written after
 * all of its rows: readers only see rows of recorded imports, so an import counts wholly or not at
 * all. Of the rows with the same key, the latest import's wins (import ids sort by time).
 * Roster counts move here from reference_counts, with a provenance of their own.
 */
export const createReferenceData: Migration = {
  id: '0030_create_reference_data',
  statements: [
    `CREATE TABLE IF NOT EXISTS reference_imports (
  kind String,
  effective_from String,
  file_name String,
  summary String,
  ${PROVENANCE}
) ENGINE = MergeTree()
ORDER BY import_id`,
    `CREATE TABLE IF NOT EXISTS reference_units (
  code String,
  valid_from Date,
  valid_to String,
  name String,
  level String,
  parent_code String,
  withdrawn UInt8,
  ${PROVENANCE}
) ENGINE = MergeTree()
ORDER BY (code, valid_from, import_id)`,
    `CREATE TABLE IF NOT EXISTS reference_unit_mappings (
  old_code String,
  new_code String,
  valid_from Date,
  ${PROVENANCE}
) ENGINE = MergeTree()
ORDER BY (old_code, import_id)`,
    `CREATE TABLE IF NOT EXISTS reference_rosters (
  roster String,
  unit_code String,
  valid_from Date,
  count UInt32,
  ${PROVENANCE}
) ENGINE = MergeTree()
ORDER BY (roster, unit_code, valid_from, import_id)`,
    `CREATE TABLE IF NOT EXISTS reference_targets (
  indicator_id String,
  unit_code String,
  year UInt16,
  comparator String,
  value Float64,
  document String,
  document_date Date,
  issuer String,
  ${PROVENANCE}
) ENGINE = MergeTree()
ORDER BY (indicator_id, unit_code, year, import_id)`,
    `CREATE TABLE IF NOT EXISTS reference_indicator_catalogs (
  catalog String,
  ${PROVENANCE}
) ENGINE = MergeTree()
ORDER BY import_id`,
    // Counts stored before this migration keep their versions: one import per time they were recorded.
    `INSERT INTO reference_rosters
SELECT reference, unit_code, valid_from, count, ${LEGACY_IMPORT_ID} AS import_id, recorded_at, 'migration 0030', 'reference_counts'
FROM reference_counts
WHERE import_id NOT IN (SELECT import_id FROM reference_rosters)`,
    `INSERT INTO reference_imports
SELECT DISTINCT 'rosters', '', '', '', ${LEGACY_IMPORT_ID} AS import_id, recorded_at, 'migration 0030', 'reference_counts'
FROM reference_counts
WHERE import_id NOT IN (SELECT import_id FROM reference_imports)`,
  ],
};
