export {
  LOCAL_TIME_ZONE,
  LOCAL_UTC_OFFSET_MS,
  isLocalDate,
  localDateOf,
  localDayRange,
  type TimeRange,
} from './calendar/local-calendar';
export { isInstant } from './calendar/instant';
export {
  localDatesIn,
  localHalfYearRange,
  localMonthRange,
  localQuarterRange,
  localWeekRange,
  localYearRange,
  periodOfLabel,
  periodRange,
  type PeriodKind,
  type PeriodSpec,
} from './calendar/local-periods';
export { UNIT_LEVELS, isUnitLevel, type UnitLevel } from './unit-level';
export type { AdministrativeUnit, UnitMapping } from './hierarchy/administrative-unit';
export { AdministrativeHierarchy, type AsOf } from './hierarchy/administrative-hierarchy';
export {
  CsvRowError,
  UNITS_CSV_HEADER,
  UNIT_MAPPINGS_CSV_HEADER,
  parseUnitMappingsCsv,
  parseUnitsCsv,
} from './hierarchy/units-csv';
export { DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV } from './hierarchy/default-hierarchy';
export { HierarchyEnv } from './hierarchy/hierarchy.env';
export { InvalidReferenceDataError, loadHierarchy } from './hierarchy/load-hierarchy';
