export { KPI_ENGINE, type KpiEngine } from './kpi-engine.port';
