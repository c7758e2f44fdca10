import { Injectable } from '@nestjs/common';
import { ClickHouseConnection, SqlFragment, identifier, rawEventsTable, sql } from '@libs/clickhouse';
import { SOURCE_IDS, isSourceId, type SourceId } from '@libs/contracts';
import type { FeedFreshness, SourceFreshness } from './feed-freshness.port';

interface Row {
  source: string;
  scope_unit: string;
  events: number | string;
  last_event: number | string;
  last_ingested: number | string;
}

/** Units per read: the code list is repeated per source, under ClickHouse's max_query_size. */
const UNITS_PER_QUERY = 1_000;

@Injectable()
export class ClickHouseFeedFreshness implements FeedFreshness {
  constructor(private readonly connection: ClickHouseConnection) {}

  async latestBySource(unitCodes: readonly string[], asOf: Date): Promise<Map<SourceId, SourceFreshness>> {
    const rows = await this.rows(unitCodes, asOf, false);
    return rows.get('') ?? new Map<SourceId, SourceFreshness>();
  }

  async latestBySourceEach(
    unitCodes: readonly string[],
    asOf: Date,
  ): Promise<Map<string, Map<SourceId, SourceFreshness>>> {
    const result = new Map<string, Map<SourceId, SourceFreshness>>();
    for (let i = 0; i < unitCodes.length; i += UNITS_PER_QUERY)
      for (const [unit, latest] of await this.rows(unitCodes.slice(i, i + UNITS_PER_QUERY), asOf, true))
        result.set(unit, latest);
    return result;
  }

  /**
   * One UNION ALL over the raw tables (their sorting key starts with unit_code); by unit, or '' for
   * all. The key is not aliased unit_code: ClickHouse would read the alias in WHERE.
   */
  private async rows(
    unitCodes: readonly string[],
    asOf: Date,
    byUnit: boolean,
  ): Promise<Map<string, Map<SourceId, SourceFreshness>>> {
    const result = new Map<string, Map<SourceId, SourceFreshness>>();
    if (unitCodes.length === 0) return result;
    const unit = byUnit ? 'unit_code' : "''";
    const parts = SOURCE_IDS.map(
      (source) =>
        sql`SELECT ${source} AS source, ${new SqlFragment(unit)} AS scope_unit, count() AS events,
  toUnixTimestamp(max(occurred_at)) AS last_event, toUnixTimestamp(max(ingested_at)) AS last_ingested
FROM ${identifier(rawEventsTable(source))}
WHERE unit_code IN ${unitCodes} AND occurred_at < ${asOf}${new SqlFragment(byUnit ? '\nGROUP BY unit_code' : '')}`
          .text,
    );
    const rs = await this.connection.store.query({
      query: parts.join('\nUNION ALL\n'),
      format: 'JSONEachRow',
    });
    for (const row of await rs.json<Row>()) {
      if (!isSourceId(row.source) || Number(row.events) === 0) continue;
      const latest = result.get(row.scope_unit) ?? new Map<SourceId, SourceFreshness>();
      latest.set(row.source, {
        lastEventAt: new Date(Number(row.last_event) * 1000),
        lastIngestedAt: new Date(Number(row.last_ingested) * 1000),
      });
      result.set(row.scope_unit, latest);
    }
    return result;
  }
}
