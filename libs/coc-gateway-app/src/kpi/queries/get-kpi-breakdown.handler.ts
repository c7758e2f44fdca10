import { BadRequestException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KpiReader, periodDto } from '../kpi-reader.service';
import type { KpiBreakdownDto } from '../kpi-responses.dto';
import { resolvePeriod } from '../period-request';
import { GetKpiBreakdownQuery } from './get-kpi-breakdown.query';

@QueryHandler(GetKpiBreakdownQuery)
export class GetKpiBreakdownHandler implements IQueryHandler<GetKpiBreakdownQuery, KpiBreakdownDto> {
  constructor(private readonly reader: KpiReader) {}

  async execute({ unit, kpiId, by, period: request }: GetKpiBreakdownQuery): Promise<KpiBreakdownDto> {
    const definition = this.reader.definition(kpiId);
    const allowed = definition.breakdowns ?? [];
    if (!allowed.includes(by)) {
      throw new BadRequestException(
        allowed.length === 0
          ? `KPI ${kpiId} has no breakdown`
          : `KPI ${kpiId} breaks down by ${allowed.join(', ')}, not by ${by}`,
      );
    }
    const period = this.reader.period(() =>
      resolvePeriod(request, this.reader.today(unit), this.reader.maxPeriodDays),
    );
    const context = this.reader.context(unit, period.referenceDate, period.range);
    const [total, rows] = await Promise.all([
      this.reader.value(definition, context, period),
      this.reader.breakdown(definition, context, period, by),
    ]);
    return { ...this.reader.scopeOf(context), period: periodDto(period), kpiId, by, total, rows };
  }
}
