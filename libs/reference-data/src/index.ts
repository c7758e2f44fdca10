export { InvalidImportError, describeProblem, type ImportProblem } from './table/import-problem';
export { readTable, tableFormatOf, type Table, type TableFormat, type TableRow } from './table/read-table';
export {
  COMMUNE_KINDS,
  STATISTICS_OFFICE_COLUMNS,
  statedUnitsOf,
  type StatedUnit,
} from './units/statistics-office-units';
export { planUnitsImport, type UnitChange, type UnitsPlan } from './units/plan-units-import';
export { MAPPING_COLUMNS, planMappingsImport } from './units/unit-mappings-import';
export { ROSTER_COLUMNS, planRostersImport, type RosterCount } from './rosters/rosters-import';
export { TARGET_COLUMNS, planTargetsImport, type LocalTarget } from './targets/targets-import';
export {
  definitionOf,
  parseIndicatorCatalog,
  type IndicatorCatalog,
  type IndicatorSpec,
} from './indicators/indicator-catalog';
export { ROSTERS, ReferenceData, loadReferenceData, localTargetOf } from './reference-data';
export {
  REFERENCE_KINDS,
  REFERENCE_STORE,
  newImportId,
  type ImportRecord,
  type ImportRows,
  type ReferenceKind,
  type ReferenceStore,
} from './store/reference-store.port';
export { ClickHouseReferenceStore } from './store/clickhouse-reference-store';
export { importReference, type ImportReport, type ImportRequest } from './imports/import-reference';
export { CurrentHierarchy, LiveReferenceData, type LiveReferenceOptions } from './live-reference-data';
export { ReferenceDataEnv } from './reference-data.env';
export { ReferenceDataModule, ReferenceDataSource } from './reference-data.module';
