import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { LiveFigure } from '@libs/contracts';
import { localDayRange } from '@libs/admin-units';
import { EVENT_COUNTS, type EventCounts } from './event-counts.port';
import { GetDailyEventCountsQuery } from './get-daily-event-counts.query';

@QueryHandler(GetDailyEventCountsQuery)
export class GetDailyEventCountsHandler implements IQueryHandler<GetDailyEventCountsQuery, LiveFigure[]> {
  constructor(@Inject(EVENT_COUNTS) private readonly counts: EventCounts) {}

  async execute({ unitCode, date, types }: GetDailyEventCountsQuery): Promise<LiveFigure[]> {
    const asOf = new Date().toISOString();
    const found = await this.counts.countByType(unitCode, localDayRange(date), types);
    const byType = new Map(found.map((c) => [c.type, c.count]));
    // Types asked for but without events that day count 0; feed presence is judged elsewhere.
    const metrics = types.length > 0 ? types : [...byType.keys()];
    return metrics.map((metric) => ({ unitCode, metric, date, value: byType.get(metric) ?? 0, asOf }));
  }
}
