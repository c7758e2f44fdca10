import { Query } from '@nestjs/cqrs';
import type { UnitRequest } from '../kpi-reader.service';
import type { UnitKpiDto } from '../kpi-responses.dto';
import type { PeriodRequest } from '../period-request';

/** One KPI's value for a unit over one period, with its further measures. */
export class GetUnitKpiQuery extends Query<UnitKpiDto> {
  constructor(
    readonly unit: UnitRequest,
    readonly kpiId: string,
    readonly period: PeriodRequest,
  ) {
    super();
  }
}
