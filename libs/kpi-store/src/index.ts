export { KPI_ENGINE, type KpiEngine } from './kpi-engine.port';
export { ClickHouseKpiEngine, type ClickHouseKpiEngineOptions } from './engine/clickhouse-kpi-engine';
export {
  backfillNewKpiInputs,
  insertKpiInputRows,
  rebuildKpiInputs,
  type BackfillReport,
  type RebuildReport,
} from './inputs/kpi-input.repository';
export { ReferenceCountRepository, type ReferenceCount } from './references/reference-count.repository';
export { inputDaysOfEventsSql } from './sql/input-days.sql';
