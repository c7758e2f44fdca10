import { GetKpiBreakdownHandler } from './get-kpi-breakdown.handler';
import { GetKpiCatalogHandler } from './get-kpi-catalog.handler';
import { GetKpiSeriesHandler } from './get-kpi-series.handler';
import { GetKpiSeriesOfEachUnitHandler } from './get-kpi-series-of-each-unit.handler';
import { GetKpisOfEachUnitHandler } from './get-kpis-of-each-unit.handler';
import { GetUnitKpiHandler } from './get-unit-kpi.handler';
import { GetUnitKpisHandler } from './get-unit-kpis.handler';

export const KPI_QUERY_HANDLERS = [
  GetKpiCatalogHandler,
  GetUnitKpisHandler,
  GetUnitKpiHandler,
  GetKpiSeriesHandler,
  GetKpiBreakdownHandler,
  GetKpisOfEachUnitHandler,
  GetKpiSeriesOfEachUnitHandler,
];
