export { KPI_ENGINE, type KpiEngine } from './kpi-engine.port';
export { ClickHouseKpiEngine, type ClickHouseKpiEngineOptions } from './engine/clickhouse-kpi-engine';
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
export {
  backfillNewKpiInputs,
  insertKpiInputRows,
  rebuildKpiInputs,
  type BackfillReport,
  type RebuildReport,
} from './inputs/kpi-input.repository';
export { ReferenceCountRepository, type ReferenceCount } from './references/reference-count.repository';
