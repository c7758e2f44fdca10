import { Query } from '@nestjs/cqrs';
import type { UnitRequest } from '../kpi-reader.service';
import type { UnitKpisDto } from '../kpi-responses.dto';
import type { PeriodRequest } from '../period-request';

/** Every KPI's value for a unit over one period, or only the listed KPIs' (a screen's changed tiles). */
export class GetUnitKpisQuery extends Query<UnitKpisDto> {
  constructor(
    readonly unit: UnitRequest,
    readonly period: PeriodRequest,
    readonly kpiIds?: readonly string[],
  ) {
    super();
  }
}
