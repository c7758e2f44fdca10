import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { localDateOf } from '@libs/admin-units';
import { mapConcurrently } from '@libs/platform';
import { KpiReader } from '../kpi-reader.service';
import type { SeriesPointDto } from '../kpi-responses.dto';
import { resolveSeries } from '../period-request';
import { GetKpiSeriesOfEachUnitQuery } from './get-kpi-series-of-each-unit.query';
import { scopedEach } from './get-kpis-of-each-unit.handler';
import type { EachUnit } from './get-kpis-of-each-unit.query';

@QueryHandler(GetKpiSeriesOfEachUnitQuery)
export class GetKpiSeriesOfEachUnitHandler implements IQueryHandler<
  GetKpiSeriesOfEachUnitQuery,
  EachUnit<SeriesPointDto[]>
> {
  constructor(private readonly reader: KpiReader) {}

  async execute({
    unitCodes,
    requestedAt,
    kpiId,
    granularity,
    span,
  }: GetKpiSeriesOfEachUnitQuery): Promise<EachUnit<SeriesPointDto[]>> {
    const definition = this.reader.definition(kpiId);
    const periods = this.reader.period(() =>
      resolveSeries(granularity, span, localDateOf(requestedAt), this.reader.maxPeriodDays),
    );
    const first = periods[0];
    const last = periods[periods.length - 1];
    // As GetKpiSeriesQuery: one map for the whole series (the last point's).
    const { contexts, missing } = scopedEach(this.reader, unitCodes, requestedAt, last.referenceDate, {
      start: first.range.start,
      end: last.range.end,
    });
    const evaluations = await mapConcurrently(periods, 6, (period) =>
      this.reader.evaluateEach(definition, contexts, period.range),
    );
    const answers: EachUnit<SeriesPointDto[]> = new Map(missing);
    for (const [code, context] of contexts)
      answers.set(
        code,
        periods.map((period, i) => {
          const evaluation = evaluations[i].get(code);
          if (!evaluation) throw new Error(`KPI ${kpiId}: no evaluation for unit ${code}`);
          return this.reader.pointOf(definition, evaluation, context, period);
        }),
      );
    return answers;
  }
}
