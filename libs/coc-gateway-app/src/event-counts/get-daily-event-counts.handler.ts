import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { localDayRange } from '@libs/admin-units';
import { EVENT_COUNTS, type DailyEventCount, type EventCounts } from './event-counts.port';
import { GetDailyEventCountsQuery } from './get-daily-event-counts.query';

@QueryHandler(GetDailyEventCountsQuery)
export class GetDailyEventCountsHandler implements IQueryHandler<
  GetDailyEventCountsQuery,
  DailyEventCount[]
> {
  constructor(@Inject(EVENT_COUNTS) private readonly counts: EventCounts) {}

  async execute({ unitCode, date, types }: GetDailyEventCountsQuery): Promise<DailyEventCount[]> {
    const asOf = new Date().toISOString();
    const found = await this.counts.countByType(unitCode, localDayRange(date), types);
    const byType = new Map(found.map((c) => [c.type, c.count]));
    // Types asked for but without events that day count 0; feed presence is judged elsewhere.
    const metrics = types.length > 0 ? types : [...byType.keys()];
    return metrics.map((type) => ({ unitCode, type, date, count: byType.get(type) ?? 0, asOf }));
  }
}
