import type { EvaluationOptions, KpiDefinition, KpiEvaluation } from '@libs/kpi';

export interface KpiEngine {
  /** Same contract as evaluateKpi/evaluateMeasure, computed in ClickHouse. */
  evaluate(definition: KpiDefinition, options: EvaluationOptions, measureId?: string): Promise<KpiEvaluation>;
  /** What `evaluate` answers for each unit of the scope on its own, by unit code, in fewer round trips. */
  evaluateEach(definition: KpiDefinition, options: EvaluationOptions): Promise<Map<string, KpiEvaluation>>;
  /** evaluateEach of each definition over the same scope and window, in the definitions' order, sharing round trips. */
  evaluateManyEach(
    definitions: readonly KpiDefinition[],
    options: EvaluationOptions,
  ): Promise<Map<string, KpiEvaluation>[]>;
  /** The headline value split by one payload field of the KPI's (numerator) events, e.g. channel, procedureCode, cameraId, alertType. */
  breakdown(
    definition: KpiDefinition,
    options: EvaluationOptions,
    field: string,
  ): Promise<{ key: string; evaluation: KpiEvaluation }[]>;
}

export const KPI_ENGINE = Symbol('KPI_ENGINE');
