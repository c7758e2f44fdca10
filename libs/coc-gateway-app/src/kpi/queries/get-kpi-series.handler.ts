import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KpiReader } from '../kpi-reader.service';
import type { KpiSeriesDto } from '../kpi-responses.dto';
import { mapConcurrently } from '@libs/platform';
import { resolveSeries } from '../period-request';
import { GetKpiSeriesQuery } from './get-kpi-series.query';

@QueryHandler(GetKpiSeriesQuery)
export class GetKpiSeriesHandler implements IQueryHandler<GetKpiSeriesQuery, KpiSeriesDto> {
  constructor(private readonly reader: KpiReader) {}

  async execute({ unit, kpiId, granularity, span }: GetKpiSeriesQuery): Promise<KpiSeriesDto> {
    const definition = this.reader.definition(kpiId);
    const periods = this.reader.period(() =>
      resolveSeries(granularity, span, this.reader.today(unit), this.reader.maxPeriodDays),
    );
    const first = periods[0];
    const last = periods[periods.length - 1];
    // One map for the whole series (the last point's), so every point covers the same communes.
    const context = this.reader.context(unit, last.referenceDate, {
      start: first.range.start,
      end: last.range.end,
    });
    return {
      ...this.reader.scopeOf(context),
      kpiId,
      granularity,
      points: await mapConcurrently(periods, 6, (period) => this.reader.point(definition, context, period)),
    };
  }
}
