import { Query } from '@nestjs/cqrs';
import type { DailyEventCount } from './event-counts.port';

/** Distinct events per type for one unit over one local day; all types when `types` is empty. */
export class GetDailyEventCountsQuery extends Query<DailyEventCount[]> {
  constructor(
    readonly unitCode: string,
    readonly date: string,
    readonly types: readonly string[] = [],
  ) {
    super();
  }
}
