import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KpiReader, periodDto } from '../kpi-reader.service';
import type { UnitKpisDto } from '../kpi-responses.dto';
import { resolvePeriod } from '../period-request';
import { GetUnitKpisQuery } from './get-unit-kpis.query';

@QueryHandler(GetUnitKpisQuery)
export class GetUnitKpisHandler implements IQueryHandler<GetUnitKpisQuery, UnitKpisDto> {
  constructor(private readonly reader: KpiReader) {}

  async execute({ unit, period: request, kpiIds }: GetUnitKpisQuery): Promise<UnitKpisDto> {
    const period = this.reader.period(() =>
      resolvePeriod(request, this.reader.today(unit), this.reader.maxPeriodDays),
    );
    const context = this.reader.context(unit, period.referenceDate, period.range);
    return {
      ...this.reader.scopeOf(context),
      period: periodDto(period),
      kpis: await this.reader.values(
        kpiIds ? this.reader.catalog().filter((k) => kpiIds.includes(k.id)) : this.reader.catalog(),
        context,
        period,
      ),
    };
  }
}
