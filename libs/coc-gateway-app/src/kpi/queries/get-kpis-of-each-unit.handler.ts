import { NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { localDateOf, type TimeRange } from '@libs/admin-units';
import { KpiReader, periodDto, type ScopedRead } from '../kpi-reader.service';
import { resolvePeriod } from '../period-request';
import { GetKpisOfEachUnitQuery, type EachUnit, type UnitFiguresDto } from './get-kpis-of-each-unit.query';

/** Each unit resolved in the current map as GetUnitKpisQuery would; a unknown unit is its own answer. */
export function scopedEach(
  reader: KpiReader,
  unitCodes: readonly string[],
  requestedAt: Date,
  referenceDate: string,
  range: TimeRange,
): { contexts: Map<string, ScopedRead>; missing: Map<string, NotFoundException> } {
  const contexts = new Map<string, ScopedRead>();
  const missing = new Map<string, NotFoundException>();
  for (const unitCode of new Set(unitCodes)) {
    try {
      contexts.set(unitCode, reader.scoped({ unitCode, requestedAt }, referenceDate, range));
    } catch (error) {
      if (!(error instanceof NotFoundException)) throw error;
      missing.set(unitCode, error);
    }
  }
  return { contexts, missing };
}

@QueryHandler(GetKpisOfEachUnitQuery)
export class GetKpisOfEachUnitHandler implements IQueryHandler<
  GetKpisOfEachUnitQuery,
  EachUnit<UnitFiguresDto>
> {
  constructor(private readonly reader: KpiReader) {}

  async execute({
    unitCodes,
    requestedAt,
    period: request,
    kpiIds,
  }: GetKpisOfEachUnitQuery): Promise<EachUnit<UnitFiguresDto>> {
    const period = this.reader.period(() =>
      resolvePeriod(request, localDateOf(requestedAt), this.reader.maxPeriodDays),
    );
    const { contexts, missing } = scopedEach(
      this.reader,
      unitCodes,
      requestedAt,
      period.referenceDate,
      period.range,
    );
    const definitions = kpiIds.map((id) => this.reader.definition(id));
    const figures = await this.reader.figuresEach(definitions, contexts, period);
    const answers: EachUnit<UnitFiguresDto> = new Map(missing);
    for (const [code, context] of contexts)
      answers.set(code, {
        ...this.reader.scopeOf(context),
        period: periodDto(period),
        kpis: figures.get(code) ?? [],
      });
    return answers;
  }
}
