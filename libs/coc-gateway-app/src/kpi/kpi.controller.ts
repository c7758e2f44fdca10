import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Allow } from '@libs/access';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiBearerAuth,
} from '@nestjs/swagger';
import type { UnitRequest } from './kpi-reader.service';
import { BreakdownQuery, PeriodQuery, SeriesQuery, UnitKpiParams, UnitParams } from './kpi-requests.dto';
import {
  KpiBreakdownDto,
  KpiCatalogEntryDto,
  KpiSeriesDto,
  UnitKpiDto,
  UnitKpisDto,
} from './kpi-responses.dto';
import { GetKpiBreakdownQuery } from './queries/get-kpi-breakdown.query';
import { GetKpiCatalogQuery } from './queries/get-kpi-catalog.query';
import { GetKpiSeriesQuery } from './queries/get-kpi-series.query';
import { GetUnitKpiQuery } from './queries/get-unit-kpi.query';
import { GetUnitKpisQuery } from './queries/get-unit-kpis.query';

const unitRequest = (
  unitCode: string,
  { hierarchy, asOf }: { hierarchy?: UnitRequest['hierarchy']; asOf?: string },
) => ({
  unitCode,
  hierarchy,
  asOf,
  requestedAt: new Date(),
});
const periodOf = ({ period, date, from, to }: PeriodQuery) => ({ period, date, from, to });

/**
 * The KPI read API. A caller reads the units of its scope: a commune itself, a district or a
 * province the communes under it on the date asked about (checked by the global AccessGuard).
 */
@ApiTags('KPIs')
@ApiBearerAuth()
@Allow('screen', 'viewer', 'ioc', 'admin')
@ApiBadRequestResponse({
  description: 'A parameter is malformed or the combination is not allowed; the message says which',
})
@Controller('api/v1')
export class KpiController {
  constructor(private readonly queries: QueryBus) {}

  @Get('kpis')
  @ApiOperation({
    summary: 'The KPI catalog: names, unit, direction, sources, cadence, targets with their provenance',
  })
  @ApiOkResponse({ type: [KpiCatalogEntryDto] })
  catalog(): Promise<KpiCatalogEntryDto[]> {
    return this.queries.execute(new GetKpiCatalogQuery());
  }

  @Get('units/:unitCode/kpis')
  @ApiOperation({
    summary: 'Every KPI for a unit over a period',
    description:
      'A district or province is computed over its communes on the period’s date: numerators and denominators add up, values are never averaged.',
  })
  @ApiOkResponse({ type: UnitKpisDto })
  @ApiNotFoundResponse({ description: 'No such unit in the chosen map of units on that date' })
  unitKpis(@Param() { unitCode }: UnitParams, @Query() query: PeriodQuery): Promise<UnitKpisDto> {
    return this.queries.execute(new GetUnitKpisQuery(unitRequest(unitCode, query), periodOf(query)));
  }

  @Get('units/:unitCode/kpis/:kpiId')
  @ApiOperation({ summary: 'One KPI for a unit over a period, with its further measures' })
  @ApiOkResponse({ type: UnitKpiDto })
  @ApiNotFoundResponse({ description: 'No such unit or KPI' })
  unitKpi(@Param() { unitCode, kpiId }: UnitKpiParams, @Query() query: PeriodQuery): Promise<UnitKpiDto> {
    return this.queries.execute(new GetUnitKpiQuery(unitRequest(unitCode, query), kpiId, periodOf(query)));
  }

  @Get('units/:unitCode/kpis/:kpiId/series')
  @ApiOperation({ summary: 'One KPI for a unit, day by day, week by week or month by month' })
  @ApiOkResponse({ type: KpiSeriesDto })
  @ApiNotFoundResponse({ description: 'No such unit or KPI' })
  series(@Param() { unitCode, kpiId }: UnitKpiParams, @Query() query: SeriesQuery): Promise<KpiSeriesDto> {
    return this.queries.execute(
      new GetKpiSeriesQuery(unitRequest(unitCode, query), kpiId, query.granularity ?? 'day', {
        from: query.from,
        to: query.to,
      }),
    );
  }

  @Get('units/:unitCode/kpis/:kpiId/breakdown')
  @ApiOperation({ summary: 'One KPI for a unit and period, split by a payload field the KPI declares' })
  @ApiOkResponse({ type: KpiBreakdownDto })
  @ApiNotFoundResponse({ description: 'No such unit or KPI' })
  breakdown(
    @Param() { unitCode, kpiId }: UnitKpiParams,
    @Query() query: BreakdownQuery,
  ): Promise<KpiBreakdownDto> {
    return this.queries.execute(
      new GetKpiBreakdownQuery(unitRequest(unitCode, query), kpiId, query.by, periodOf(query)),
    );
  }
}
