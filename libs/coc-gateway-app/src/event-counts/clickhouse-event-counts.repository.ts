import { Injectable } from '@nestjs/common';
import { ClickHouseConnection, identifier, sql, TABLES } from '@libs/clickhouse';
import type { TimeRange } from '@libs/admin-units';
import type { EventCounts, EventTypeCount } from './event-counts.port';

@Injectable()
export class ClickHouseEventCounts implements EventCounts {
  constructor(private readonly connection: ClickHouseConnection) {}

  /** Merging the hourly id sets counts each event once, however often it was delivered. */
  async countByType(
    unitCode: string,
    range: TimeRange,
    types?: readonly string[],
  ): Promise<EventTypeCount[]> {
    const typeFilter = types && types.length > 0 ? sql`AND type IN ${types}` : sql``;
    const query = sql`SELECT type, uniqExactMerge(event_ids) AS count
FROM ${identifier(TABLES.eventCountsHourly)}
WHERE unit_code = ${unitCode} AND hour >= ${range.start} AND hour < ${range.end} ${typeFilter}
GROUP BY type
ORDER BY type`;
    const rs = await this.connection.store.query({ query: query.text, format: 'JSONEachRow' });
    const rows = await rs.json<{ type: string; count: number | string }>();
    return rows.map((r) => ({ type: r.type, count: Number(r.count) }));
  }
}
