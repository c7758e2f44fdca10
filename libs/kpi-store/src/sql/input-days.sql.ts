import { identifier, sql, SqlFragment, TABLES } from '@libs/clickhouse';
import { KPI_CORRELATIONS, type KpiCorrelation } from '@libs/kpi';
import { hasKey, keyOf, tableOf } from './event-sql';

/**
 * The local days (YYYY-MM-DD, within `days`) whose KPI figures a set of stored events changed,
 * beyond the days they occurred on: columns seq, unit_code, day. `events` selects (seq, event_id).
 * An event changes the days its own input rows are placed on (a report due on its due date) and,
 * through a correlation, the days of the main rows sharing its key (a report submitted counts on
 * the day its due row is placed on). Two JOIN levels at most per SELECT (ClickHouse 18.16).
 */
export function inputDaysOfEventsSql(
  events: SqlFragment,
  unitCodes: readonly string[],
  days: { from: string; to: string },
  correlations: readonly KpiCorrelation[] = KPI_CORRELATIONS,
): SqlFragment {
  const members = identifier(TABLES.kpiInputMembers);
  const eventIds = sql`event_id IN (SELECT event_id FROM (${events}))`;
  const inDays = sql`unit_code IN ${unitCodes} AND toDate(bucket) >= toDate(${days.from}) AND toDate(bucket) <= toDate(${days.to})`;
  const own = sql`SELECT seq, unit_code, day FROM (${events}) AS e
ALL INNER JOIN (
  SELECT DISTINCT event_id, unit_code, toString(toDate(bucket)) AS day FROM ${members}
  WHERE ${inDays} AND ${eventIds}
) AS m USING event_id`;
  const correlated = correlations.map(
    (c) => sql`SELECT seq, unit_code, day FROM (
  SELECT seq, unit_code, member FROM (${events}) AS e
  ALL INNER JOIN (
    SELECT event_id, unit_code, ${keyOf(c.key)} AS member FROM ${tableOf(c.type)}
    WHERE type = ${c.type} AND unit_code IN ${unitCodes} AND ${hasKey(c.key)} AND ${eventIds}
  ) AS r USING event_id
) AS k
ALL INNER JOIN (
  SELECT DISTINCT unit_code, member, toString(toDate(bucket)) AS day FROM ${members}
  WHERE input_id = ${c.mainInputId} AND ${inDays}
) AS m USING (unit_code, member)`,
  );
  return new SqlFragment([own, ...correlated].map((q) => q.text).join('\nUNION ALL\n'));
}
