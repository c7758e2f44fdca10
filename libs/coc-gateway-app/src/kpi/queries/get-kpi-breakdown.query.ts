import { Query } from '@nestjs/cqrs';
import type { UnitRequest } from '../kpi-reader.service';
import type { KpiBreakdownDto } from '../kpi-responses.dto';
import type { PeriodRequest } from '../period-request';

/** One KPI for a unit and period, split by one of the payload fields the KPI declares. */
export class GetKpiBreakdownQuery extends Query<KpiBreakdownDto> {
  constructor(
    readonly unit: UnitRequest,
    readonly kpiId: string,
    readonly by: string,
    readonly period: PeriodRequest,
  ) {
    super();
  }
}
