import { Query } from '@nestjs/cqrs';
import type { SeriesPointDto } from '../kpi-responses.dto';
import type { SeriesGranularity } from '../period-request';
import type { EachUnit } from './get-kpis-of-each-unit.query';

/** GetKpiSeriesQuery's points for each of many units, each point measured once for all of them. */
export class GetKpiSeriesOfEachUnitQuery extends Query<EachUnit<SeriesPointDto[]>> {
  constructor(
    readonly unitCodes: readonly string[],
    readonly requestedAt: Date,
    readonly kpiId: string,
    readonly granularity: SeriesGranularity,
    readonly span: { from?: string; to?: string },
  ) {
    super();
  }
}
