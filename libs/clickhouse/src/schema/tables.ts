/**
 * Every table name, defined once: queries and writers take them from here, and the migrations
 * that create them are checked against this list (schema.spec.ts). The migrations themselves spell
 * names out, because a released migration's text never changes.
 */
export const TABLES = {
  eventCountsHourly: 'event_counts_hourly',
  ingestRejects: 'ingest_rejects',
  kpiInputMembers: 'kpi_input_members',
  kpiInputHourly: 'kpi_input_hourly',
  kpiInputDaily: 'kpi_input_daily',
  /** Superseded by reference_rosters (migration 0030 copies its rows); nothing reads it. */
  referenceCounts: 'reference_counts',
  referenceImports: 'reference_imports',
  referenceUnits: 'reference_units',
  referenceUnitMappings: 'reference_unit_mappings',
  referenceRosters: 'reference_rosters',
  referenceTargets: 'reference_targets',
  referenceIndicatorCatalogs: 'reference_indicator_catalogs',
  kpiInputsBuilt: 'kpi_inputs_built',
  accessKeys: 'access_keys',
  accessAudit: 'access_audit',
  /** Each stored raw row by when it was stored (source, ingested_at): what the outbox builder scans. */
  eventArrivals: 'event_arrivals',
  syncOutbox: 'sync_outbox',
  syncApplied: 'sync_applied',
  syncMarks: 'sync_marks',
  schemaMigrations: 'schema_migrations',
} as const;

/** The raw-event table of a source: one per source, created by that source's migration. */
export function rawEventsTable(source: string): string {
  return `${source}_events`;
}
