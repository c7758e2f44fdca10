export {
  LOCAL_TIME_ZONE,
  LOCAL_UTC_OFFSET_MS,
  isLocalDate,
  localDateOf,
  localDayRange,
  type TimeRange,
} from './calendar/local-calendar';
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
export {
  REPORTED_INDICATOR_TYPE,
  REPORTED_ROLL_UPS,
  eq,
  filtersOf,
  isReferenceCount,
  notBeforeOccurrence,
  notEq,
  oneOf,
  type Condition,
  type CorrelatedSet,
  type CountFormula,
  type EventFilter,
  type EventSet,
  type KpiFormula,
  type MedianDelayFormula,
  type OpenOverdueFormula,
  type RatioFormula,
  type ReferenceCount,
  type ReportedFormula,
  type ReportedRollUp,
  type Scalar,
  type TimeWeightedUpFormula,
} from './catalog/kpi-formula';
export {
  COMPARATORS,
  planTarget,
  type Comparator,
  type KpiTarget,
  type Plan,
  type PlanFigure,
} from './catalog/kpi-target';
export {
  KPI_UNITS,
  defineKpi,
  type KpiCadence,
  type KpiOrigin,
  type KpiDefinition,
  type KpiDirection,
  type KpiMeasure,
  type KpiMode,
  type KpiUnit,
} from './catalog/kpi-definition';
export { PLANS } from './catalog/plans';
export { KPI_CATALOG, findKpi } from './catalog/kpi-catalog';
export {
  ABOUT_TOLERANCE,
  KPI_STATUS_LABELS,
  applicableTarget,
  applicableTargets,
  assessKpi,
  isAspirational,
  kpiStatus,
  type KpiAssessment,
  type KpiStatus,
  type TargetContext,
} from './status/kpi-status';
export type { KpiEvent } from './evaluator/kpi-event';
export {
  evaluateKpi,
  evaluateMeasure,
  type Combine,
  type EvaluationOptions,
  type KpiEvaluation,
  type NoDataReason,
  type References,
} from './evaluator/evaluate-kpi';
export {
  evaluationOf,
  type Base as EvaluationBase,
  type ChosenReport,
  type EvaluationInput,
  type FormulaResult,
  type Measured,
} from './evaluator/evaluation-of';
export { rollUp, type KpiRollUp } from './evaluator/roll-up';
export { KPI_SCENARIOS } from './scenarios/kpi-scenarios';
export { kpiEvent, scenarioEnvelope, type KpiScenario } from './scenarios/kpi-scenario';
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
