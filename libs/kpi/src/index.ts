export {
  PERCENT_SCALE,
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
  ratioScaleOf,
  reportedRollUpOf,
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
export {
  KPI_INPUTS,
  correlatedInputsOf,
  kpiInputRowsOf,
  kpiInputRowsOfStored,
  kpiInputsOf,
  mainInputOf,
  type KpiInput,
  type KpiInputEvent,
  type KpiInputRow,
  type StoredEventRow,
} from './inputs/kpi-input';
export { meetsCondition } from './catalog/meets-condition';
