import { Injectable } from '@nestjs/common';
import { ClickHouseConnection, identifier, rawEventsTable, sql } from '@libs/clickhouse';
import { SOURCE_IDS, isSourceId, type SourceId } from '@libs/contracts';
import type { FeedFreshness, SourceFreshness } from './feed-freshness.port';

interface Row {
  source: string;
  events: number | string;
  last_event: number | string;
  last_ingested: number | string;
}

@Injectable()
export class ClickHouseFeedFreshness implements FeedFreshness {
  constructor(private readonly connection: ClickHouseConnection) {}

  /** One UNION ALL over the raw tables; their sorting key starts with unit_code. */
  async latestBySource(unitCodes: readonly string[], asOf: Date): Promise<Map<SourceId, SourceFreshness>> {
    const result = new Map<SourceId, SourceFreshness>();
    if (unitCodes.length === 0) return result;
    const parts = SOURCE_IDS.map(
      (source) =>
        sql`SELECT ${source} AS source, count() AS events,
  toUnixTimestamp(max(occurred_at)) AS last_event, toUnixTimestamp(max(ingested_at)) AS last_ingested
FROM ${identifier(rawEventsTable(source))}
WHERE unit_code IN ${unitCodes} AND occurred_at < ${asOf}`.text,
    );
    const rs = await this.connection.store.query({
      query: parts.join('\nUNION ALL\n'),
      format: 'JSONEachRow',
    });
    for (const row of await rs.json<Row>()) {
      if (!isSourceId(row.source) || Number(row.events) === 0) continue;
      result.set(row.source, {
        lastEventAt: new Date(Number(row.last_event) * 1000),
        lastIngestedAt: new Date(Number(row.last_ingested) * 1000),
      });
    }
    return result;
  }
}
