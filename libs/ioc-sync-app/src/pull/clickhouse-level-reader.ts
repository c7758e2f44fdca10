import { Injectable } from '@nestjs/common';
import {
  ClickHouseConnection,
  identifier,
  rawEventsTable,
  sql,
  TABLES,
  type SqlFragment,
} from '@libs/clickhouse';
import { SOURCE_IDS, isSourceId, type SourceId } from '@libs/contracts';
import { inputDaysOfEventsSql } from '@libs/kpi-store';
import { rowsOf } from '../clickhouse-rows';
import { unionOfBatchChanges, type BatchChanges } from '../domain/change-pages';
import type { LevelReader } from './pull.port';

const DAY = 86_400;
type Num = number | string;

@Injectable()
export class ClickHouseLevelReader implements LevelReader {
  constructor(private readonly connection: ClickHouseConnection) {}

  private rows<T>(query: SqlFragment): Promise<T[]> {
    return rowsOf<T>(this.connection.store, query);
  }

  /**
   * A batch changes the day each of its events occurred on (what the raw-table formulas go by) and
   * each day its events' KPI inputs were placed on, directly or through a correlation (a report's
   * due date may lie days away from its announcement or its submission).
   */
  async changesSince(
    since: number,
    unitCodes: readonly string[],
    days: { from: string; to: string },
    maxBatches: number,
  ): Promise<BatchChanges[]> {
    if (unitCodes.length === 0) return [];
    const outbox = identifier(TABLES.syncOutbox);
    const batchEvents = sql`kind = 'event' AND seq > ${since} AND unit_code IN ${unitCodes}`;
    const occurred = sql`SELECT seq, groupUniqArray((unit_code, toString(toDate(at)))) AS changes
FROM ${outbox}
WHERE ${batchEvents} AND toDate(at) >= toDate(${days.from}) AND toDate(at) <= toDate(${days.to})
GROUP BY seq ORDER BY seq LIMIT ${maxBatches}`;
    const events = sql`SELECT seq, event_id FROM ${outbox} WHERE ${batchEvents}`;
    const views = await Promise.all([
      this.batchChanges(occurred),
      this.placedChanges(events, batchEvents, days, maxBatches),
    ]);
    return unionOfBatchChanges(views, maxBatches);
  }

  /**
   * The days the batches' events placed KPI inputs on. An event's input rows and the rows it
   * correlates with lie in its own unit, so only the units with events since the cursor are read:
   * a pull after a few communes changed reads their rows, not the whole subtree's (measured on 100
   * communes × 90 days: about 3 million rows read per pull before).
   */
  private async placedChanges(
    events: SqlFragment,
    batchEvents: SqlFragment,
    days: { from: string; to: string },
    maxBatches: number,
  ): Promise<BatchChanges[]> {
    const changed = await this.rows<{ unit_code: string }>(
      sql`SELECT DISTINCT unit_code FROM ${identifier(TABLES.syncOutbox)} WHERE ${batchEvents}`,
    );
    if (changed.length === 0) return [];
    const units = changed.map((r) => r.unit_code);
    return this.batchChanges(sql`SELECT seq, groupUniqArray((unit_code, day)) AS changes
FROM (${inputDaysOfEventsSql(events, units, days)})
GROUP BY seq ORDER BY seq LIMIT ${maxBatches}`);
  }

  private async batchChanges(query: SqlFragment): Promise<BatchChanges[]> {
    const rows = await this.rows<{ seq: Num; changes: [string, string][] }>(query);
    return rows.map((r) => ({
      seq: Number(r.seq),
      changes: r.changes.map(([unitCode, date]) => ({ unitCode, date })),
    }));
  }

  async feedActivity(unitCodes: readonly string[], now: number) {
    if (unitCodes.length === 0) return [];
    const last = new Map<string, { lastEventAt: number; lastStoredAt: number }>();
    for (const source of SOURCE_IDS) {
      const rows = await this.rows<{ unit_code: string; e: Num; s: Num }>(
        sql`SELECT unit_code, toUInt32(max(occurred_at)) AS e, toUInt32(max(ingested_at)) AS s
FROM ${identifier(rawEventsTable(source))} WHERE unit_code IN ${unitCodes} AND occurred_at <= toDateTime(${now})
GROUP BY unit_code`,
      );
      for (const r of rows)
        last.set(`${r.unit_code}|${source}`, { lastEventAt: Number(r.e), lastStoredAt: Number(r.s) });
    }
    const counts = await this.rows<{ unit_code: string; source: string; recent: Num; n: Num }>(
      sql`SELECT unit_code, source, hour >= toDateTime(${now - DAY}) AS recent, uniqExactMerge(event_ids) AS n
FROM ${identifier(TABLES.eventCountsHourly)}
WHERE unit_code IN ${unitCodes} AND hour >= toDateTime(${now - 8 * DAY}) AND hour < toDateTime(${now})
GROUP BY unit_code, source, recent`,
    );
    return [...last.entries()]
      .map(([key, times]) => {
        const [unitCode, source] = key.split('|');
        const count = (recent: number) =>
          Number(
            counts.find((c) => c.unit_code === unitCode && c.source === source && Number(c.recent) === recent)
              ?.n ?? 0,
          );
        return { unitCode, source: source as SourceId, ...times, last24h: count(1), previous7d: count(0) };
      })
      .filter((a) => isSourceId(a.source));
  }
}
