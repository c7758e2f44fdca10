import { Query } from '@nestjs/cqrs';
import type { NotFoundException } from '@nestjs/common';
import type { KpiFiguresDto } from '../kpi-reader.service';
import type { PeriodDto, ScopeDto } from '../kpi-responses.dto';
import type { PeriodRequest } from '../period-request';

/** One unit's figures of a batched read: GetUnitKpisQuery's answer without measures and freshness. */
export interface UnitFiguresDto extends ScopeDto {
  period: PeriodDto;
  kpis: KpiFiguresDto[];
}

/** Per unit code, its answer or why the current map has no such unit. */
export type EachUnit<T> = Map<string, T | NotFoundException>;

/**
 * The listed KPIs' figures for each of many units over one period, as of one instant (the wall
 * screens' shared recomputation): each KPI is measured once for every unit (KpiEngine.evaluateEach).
 */
export class GetKpisOfEachUnitQuery extends Query<EachUnit<UnitFiguresDto>> {
  constructor(
    readonly unitCodes: readonly string[],
    readonly requestedAt: Date,
    readonly period: PeriodRequest,
    readonly kpiIds: readonly string[],
  ) {
    super();
  }
}
