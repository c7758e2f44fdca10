import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KpiReader, periodDto } from '../kpi-reader.service';
import type { UnitKpiDto } from '../kpi-responses.dto';
import { resolvePeriod } from '../period-request';
import { GetUnitKpiQuery } from './get-unit-kpi.query';

@QueryHandler(GetUnitKpiQuery)
export class GetUnitKpiHandler implements IQueryHandler<GetUnitKpiQuery, UnitKpiDto> {
  constructor(private readonly reader: KpiReader) {}

  async execute({ unit, kpiId, period: request }: GetUnitKpiQuery): Promise<UnitKpiDto> {
    const definition = this.reader.definition(kpiId);
    const period = this.reader.period(() =>
      resolvePeriod(request, this.reader.today(unit), this.reader.maxPeriodDays),
    );
    const context = this.reader.context(unit, period.referenceDate, period.range);
    return {
      ...this.reader.scopeOf(context),
      period: periodDto(period),
      kpi: await this.reader.value(definition, context, period),
    };
  }
}
