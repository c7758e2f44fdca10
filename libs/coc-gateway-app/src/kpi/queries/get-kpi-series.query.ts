import { Query } from '@nestjs/cqrs';
import type { UnitRequest } from '../kpi-reader.service';
import type { KpiSeriesDto } from '../kpi-responses.dto';
import type { SeriesGranularity } from '../period-request';

/** One KPI for a unit, period by period: each point is evaluated on its own, never derived. */
export class GetKpiSeriesQuery extends Query<KpiSeriesDto> {
  constructor(
    readonly unit: UnitRequest,
    readonly kpiId: string,
    readonly granularity: SeriesGranularity,
    readonly span: { from?: string; to?: string },
  ) {
    super();
  }
}
