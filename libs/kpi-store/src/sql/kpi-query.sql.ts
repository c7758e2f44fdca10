import { identifier, rawEventsTable, sql, SqlFragment, TABLES } from '@libs/clickhouse';
import type { SourceId } from '@libs/contracts';
import {
  type EventSet,
  type KpiInput,
  type MedianDelayFormula,
  type OpenOverdueFormula,
  REPORTED_INDICATOR_TYPE,
  type ReportedFormula,
  type TimeWeightedUpFormula,
} from '@libs/kpi';
import { at, dateOf, dateOrNull, filterWhere, hasKey, keyOf, raw, splitOf, tableOf } from './event-sql';

/**
 * One SELECT per formula kind, each a faithful translation of the reference evaluator
 * (`evaluateKpi`): entities are (unit_code, key), every count is over distinct keys or event ids
 * (so a redelivered event that has not been merged away yet changes nothing), and each "first",
 * "latest" or "earliest" is an aggregate over all copies. Instants are unix seconds, the
 * resolution of the raw tables. Every statement keeps to the ClickHouse 18.16 dialect floor: no
 * CTE, at most one JOIN per SELECT level with both sides aliased, JSON via visitParamExtract*.
 */

/** [start, end) in unix seconds: `[range.start, min(range.end, asOf))`. */
export interface Window {
  start: number;
  end: number;
}

export interface SetScope {
  unitCodes: readonly string[];
  window: Window;
  /** Exclusive, unix seconds. */
  asOf: number;
  /** Payload field to break the value down by (main events only); none: one group ''. */
  split?: string;
}

const HOUR = 3600;
/** Local midnight of a Date's day: UTC+7 without daylight saving. */
const LOCAL_OFFSET = 7 * HOUR;

/** How an event set is read: from the raw tables, or from the rollup (its inputs then exist there). */
export type SetSource = { kind: 'raw' } | { kind: 'rollup'; main: KpiInput; correlated: readonly KpiInput[] };

function rawSetRows(set: EventSet, scope: SetScope): SqlFragment {
  const { unitCodes, window, asOf } = scope;
  const member = set.distinctBy === undefined ? sql`event_id` : keyOf(set.distinctBy);
  const keyGuard = set.distinctBy === undefined ? sql`` : sql` AND ${hasKey(set.distinctBy)}`;
  const placement =
    set.placedBy === undefined
      ? sql`occurred_at >= ${at(window.start)} AND occurred_at < ${at(window.end)}`
      : sql`ifNull(${dateOf(set.placedBy)} >= ${at(window.start)} AND ${dateOf(set.placedBy)} < ${at(window.end)}, 0)`;
  const correlated = set.alsoIn ?? [];
  const keyField = set.distinctBy ?? '';
  let plain = '';
  const deadlines: SqlFragment[] = [];
  correlated.forEach((other, i) => {
    if (other.notAfter !== undefined) {
      deadlines.push(sql`, ${dateOf(other.notAfter)} AS ${new SqlFragment(`deadline_${i}`)}`);
      return;
    }
    plain +=
      sql` AND (unit_code, ${member}) IN (SELECT unit_code, ${keyOf(keyField)} FROM ${tableOf(other.type)} WHERE ${filterWhere(other, unitCodes, asOf)} AND ${hasKey(keyField)})`
        .text;
  });
  const deadlineColumns = (except?: number) =>
    correlated
      .map((other, i) => (other.notAfter !== undefined && i !== except ? `, deadline_${i}` : ''))
      .join('');
  let rows = sql`SELECT unit_code, ${splitOf(scope.split)} AS split, ${member} AS member${new SqlFragment(deadlines.map((d) => d.text).join(''))}
FROM ${tableOf(set.type)}
WHERE ${filterWhere(set, unitCodes, asOf)}${keyGuard} AND ${placement}${new SqlFragment(plain)}`;
  // A deadline compares each main event with the entity's earliest correlated event: one JOIN per level.
  correlated.forEach((other, i) => {
    if (other.notAfter === undefined) return;
    const first = new SqlFragment(`first_${i}`);
    rows = sql`SELECT unit_code, split, member${new SqlFragment(deadlineColumns(i))}
FROM (${rows}) AS m
ANY INNER JOIN (SELECT unit_code, ${keyOf(keyField)} AS member, min(occurred_at) AS ${first}
  FROM ${tableOf(other.type)} WHERE ${filterWhere(other, unitCodes, asOf)} AND ${hasKey(keyField)}
  GROUP BY unit_code, member) AS c USING (unit_code, member)
WHERE ifNull(${first} <= ${new SqlFragment(`deadline_${i}`)}, 0)`;
  });
  return rows;
}

/**
 * The merged member set of an input per unit over a window: whole hours from the hourly rollup,
 * the partial hours at either end from the member rows. Inputs placed by a payload date also need
 * occurredAt < asOf, which only the member rows keep.
 */
export function rollupSetSql(
  input: KpiInput,
  unitCodes: readonly string[],
  window: Window,
  asOf: number,
): SqlFragment {
  const where = sql`input_id = ${input.id} AND unit_code IN ${unitCodes}`;
  const members = identifier(TABLES.kpiInputMembers);
  if (input.placedBy !== undefined) {
    return sql`SELECT unit_code, groupUniqArray(member) AS ms FROM ${members}
WHERE ${where} AND bucket >= ${at(window.start)} AND bucket < ${at(window.end)} AND occurred_at < ${at(asOf)}
GROUP BY unit_code`;
  }
  const firstHour = Math.ceil(window.start / HOUR) * HOUR;
  const lastHour = Math.floor(window.end / HOUR) * HOUR;
  if (firstHour >= lastHour) {
    return sql`SELECT unit_code, groupUniqArray(member) AS ms FROM ${members}
WHERE ${where} AND bucket >= ${at(window.start)} AND bucket < ${at(window.end)}
GROUP BY unit_code`;
  }
  const hours = sql`SELECT unit_code, members FROM ${identifier(TABLES.kpiInputHourly)}
  WHERE ${where} AND hour >= ${at(firstHour)} AND hour < ${at(lastHour)}`;
  if (firstHour === window.start && lastHour === window.end) {
    return sql`SELECT unit_code, groupUniqArrayMerge(members) AS ms FROM (${hours}) GROUP BY unit_code`;
  }
  return sql`SELECT unit_code, groupUniqArrayMerge(members) AS ms FROM (
  ${hours}
  UNION ALL
  SELECT unit_code, groupUniqArrayState(member) AS members FROM ${members}
  WHERE ${where} AND ((bucket >= ${at(window.start)} AND bucket < ${at(firstHour)}) OR (bucket >= ${at(lastHour)} AND bucket < ${at(window.end)}))
  GROUP BY unit_code
) GROUP BY unit_code`;
}

const DAY = 24 * HOUR;

/**
 * The size of an input's member set per unit over a window holding at least one whole local day:
 * the whole days' uniqExact states from the daily rollup, merged with states of the member rows of
 * the partial days at either end. Undefined when no whole day fits, or when the input is placed by
 * a payload date (its rows must also have occurred before asOf, which only the member rows keep).
 */
export function rollupDayCountSql(
  input: KpiInput,
  unitCodes: readonly string[],
  window: Window,
): SqlFragment | undefined {
  const firstDay = Math.ceil((window.start + LOCAL_OFFSET) / DAY) * DAY - LOCAL_OFFSET;
  const lastDay = Math.floor((window.end + LOCAL_OFFSET) / DAY) * DAY - LOCAL_OFFSET;
  if (input.placedBy !== undefined || firstDay >= lastDay) return undefined;
  const where = sql`input_id = ${input.id} AND unit_code IN ${unitCodes}`;
  const days = sql`SELECT unit_code, members FROM ${identifier(TABLES.kpiInputDaily)}
  WHERE ${where} AND day >= ${at(firstDay)} AND day < ${at(lastDay)}`;
  const edges =
    firstDay === window.start && lastDay === window.end
      ? sql``
      : sql`
  UNION ALL
  SELECT unit_code, uniqExactState(member) AS members FROM ${identifier(TABLES.kpiInputMembers)}
  WHERE ${where} AND ((bucket >= ${at(window.start)} AND bucket < ${at(firstDay)}) OR (bucket >= ${at(lastDay)} AND bucket < ${at(window.end)}))
  GROUP BY unit_code`;
  return sql`SELECT unit_code, uniqExactMerge(members) AS n FROM (
  ${days}${edges}
) GROUP BY unit_code`;
}

function rollupSetCount(source: Extract<SetSource, { kind: 'rollup' }>, scope: SetScope): SqlFragment {
  if (source.correlated.length === 0) {
    const days = rollupDayCountSql(source.main, scope.unitCodes, scope.window);
    if (days !== undefined) return sql`SELECT unit_code, '' AS split, n FROM (${days})`;
  }
  const main = rollupSetSql(source.main, scope.unitCodes, scope.window, scope.asOf);
  if (source.correlated.length === 0)
    return sql`SELECT unit_code, '' AS split, length(ms) AS n FROM (${main})`;
  // Correlated sets count at any known time: their members from the epoch to asOf.
  const known = { start: 0, end: scope.asOf };
  const filters = source.correlated
    .map(
      (input) =>
        sql` AND (unit_code, member) IN (SELECT unit_code, arrayJoin(ms) FROM (${rollupSetSql(input, scope.unitCodes, known, scope.asOf)}))`
          .text,
    )
    .join('');
  return sql`SELECT unit_code, '' AS split, uniqExact(member) AS n
FROM (SELECT unit_code, arrayJoin(ms) AS member FROM (${main}))
WHERE 1${new SqlFragment(filters)}
GROUP BY unit_code`;
}

/** Distinct entities of an event set per unit (and split): columns unit_code, split, n. */
export function eventSetCountSql(
  set: EventSet,
  scope: SetScope,
  source: SetSource = { kind: 'raw' },
): SqlFragment {
  if (source.kind === 'rollup') {
    if (scope.split !== undefined) throw new Error('a breakdown reads the raw tables, not the rollup');
    return rollupSetCount(source, scope);
  }
  return sql`SELECT unit_code, split, uniqExact(member) AS n FROM (${rawSetRows(set, scope)}) GROUP BY unit_code, split`;
}

export interface SetPart {
  part: 'n' | 'd';
  set: EventSet;
  source: SetSource;
}

/** A ratio's or a count's sets in one round trip: columns part ('n' | 'd'), unit_code, split, n. */
export function eventSetsSql(parts: readonly SetPart[], scope: SetScope): SqlFragment {
  return new SqlFragment(
    parts
      .map(
        ({ part, set, source }) =>
          sql`SELECT ${part} AS part, unit_code, split, n FROM (${eventSetCountSql(set, scope, source)})`
            .text,
      )
      .join('\nUNION ALL\n'),
  );
}

/** Units with at least one known event from any of the sources: "no feed" is not zero. */
export function fedUnitsSql(
  sources: readonly SourceId[],
  unitCodes: readonly string[],
  asOf: number,
): SqlFragment {
  const branches = sources.map(
    (source) =>
      sql`SELECT unit_code FROM ${new SqlFragment(rawEventsTable(source))} WHERE unit_code IN ${unitCodes} AND occurred_at < ${at(asOf)} LIMIT 1 BY unit_code`
        .text,
  );
  return sql`SELECT DISTINCT unit_code FROM (${new SqlFragment(branches.join('\nUNION ALL\n'))})`;
}

/** Entity key columns key_0 … of a multi-field key. */
function keyColumns(fields: readonly string[]): { select: string; names: string; guard: string } {
  return {
    select: fields.map((f, i) => `, ${keyOf(f).text} AS key_${i}`).join(''),
    names: fields.map((_, i) => `key_${i}`).join(', '),
    guard: fields.map((f) => ` AND ${hasKey(f).text}`).join(''),
  };
}

/**
 * Open and past due at `instant` (unix seconds): the latest opening per entity (ties: larger
 * eventId) carries the due date; any closing event known before the instant closes the entity.
 * Columns unit_code, split, n.
 */
export function openOverdueSql(
  formula: OpenOverdueFormula,
  unitCodes: readonly string[],
  instant: number,
  split?: string,
): SqlFragment {
  const keys = keyColumns(formula.key);
  const names = new SqlFragment(keys.names);
  return sql`SELECT unit_code, split, count() AS n FROM (
  SELECT unit_code, ${names}, argMax(split, (occurred_at, event_id)) AS split, argMax(due_text, (occurred_at, event_id)) AS due
  FROM (
    SELECT unit_code${new SqlFragment(keys.select)}, ${splitOf(split)} AS split,
      visitParamExtractString(payload, ${formula.dueField}) AS due_text, occurred_at, event_id
    FROM ${tableOf(formula.opened.type)}
    WHERE ${filterWhere(formula.opened, unitCodes, instant)}${new SqlFragment(keys.guard)}
  )
  GROUP BY unit_code, ${names}
)
WHERE (unit_code, ${names}) NOT IN (
    SELECT unit_code${new SqlFragment(keys.select)} FROM ${tableOf(formula.closed.type)}
    WHERE ${filterWhere(formula.closed, unitCodes, instant)}${new SqlFragment(keys.guard)})
  AND ifNull(${dateOrNull(sql`due`)} < ${at(instant)}, 0)
GROUP BY unit_code, split`;
}

/**
 * Up-seconds and registered seconds per unit over the window. Per entity, from its first
 * registration: its statuses sorted by (time, eventId), each holding until the next one, clipped
 * to [max(start, registration), end); "down" until the first status. Columns unit_code, split,
 * up_seconds, registered_seconds.
 */
export function timeWeightedUpSql(formula: TimeWeightedUpFormula, scope: SetScope): SqlFragment {
  const { unitCodes, window, asOf } = scope;
  const key = keyOf(formula.key);
  const isUp = sql`toInt64(${raw(formula.statusField)} = ${JSON.stringify(formula.upValue)})`;
  return sql`SELECT unit_code, split, sum(up) AS up_seconds, sum(t_s - f_s) AS registered_seconds FROM (
  SELECT unit_code, split, f_s, t_s,
    arrayMap(x -> x.1, st) AS ats,
    arrayMap(x -> x.3, st) AS ups,
    arraySlice(arrayConcat(ats, [t_s]), 2) AS nexts,
    arraySum(arrayMap((a, nx, u) -> u * greatest(0, least(nx, t_s) - greatest(a, f_s)), ats, nexts, ups)) AS up
  FROM (
    SELECT unit_code, split, greatest(toInt64(${window.start}), toInt64(toUInt32(registered_at))) AS f_s, toInt64(${window.end}) AS t_s, st
    FROM (
      SELECT unit_code, ${key} AS key, min(occurred_at) AS registered_at, argMin(${splitOf(scope.split)}, (occurred_at, event_id)) AS split
      FROM ${tableOf(formula.registered.type)}
      WHERE ${filterWhere(formula.registered, unitCodes, asOf)} AND ${hasKey(formula.key)}
      GROUP BY unit_code, key
    ) AS r
    ANY LEFT JOIN (
      SELECT unit_code, ${key} AS key,
        arraySort(groupUniqArray((toInt64(toUInt32(occurred_at)), event_id, ${isUp}))) AS st
      FROM ${tableOf(formula.status.type)}
      WHERE ${filterWhere(formula.status, unitCodes, window.end)} AND ${hasKey(formula.key)}
      GROUP BY unit_code, key
    ) AS s USING (unit_code, key)
  )
  WHERE f_s < t_s
)
GROUP BY unit_code, split`;
}

/**
 * Minutes from each entity's first start (placed in the window) to its first end at or after it,
 * over all units of the scope; the exact median (mean of the two middle values for an even count).
 * Columns split, samples, median.
 */
export function medianDelaySql(formula: MedianDelayFormula, scope: SetScope): SqlFragment {
  const { unitCodes, window, asOf } = scope;
  const key = keyOf(formula.key);
  return sql`SELECT split, length(sorted) AS samples,
  if(samples % 2 = 1, sorted[intDiv(samples, 2) + 1], (sorted[intDiv(samples, 2)] + sorted[intDiv(samples, 2) + 1]) / 2) AS median
FROM (
  SELECT split, arraySort(groupArray(minutes)) AS sorted FROM (
    SELECT split, toFloat64(arrayReduce('min', arrayFilter(x -> x >= s_at, ends)) - s_at) / 60 AS minutes
    FROM (
      SELECT unit_code, ${key} AS key, toInt64(toUInt32(min(occurred_at))) AS s_at,
        argMin(${splitOf(scope.split)}, (occurred_at, event_id)) AS split
      FROM ${tableOf(formula.start.type)}
      WHERE ${filterWhere(formula.start, unitCodes, asOf)} AND ${hasKey(formula.key)}
      GROUP BY unit_code, key
      HAVING s_at >= ${window.start} AND s_at < ${window.end}
    ) AS s
    ANY INNER JOIN (
      SELECT unit_code, ${key} AS key, groupArray(toInt64(toUInt32(occurred_at))) AS ends
      FROM ${tableOf(formula.end.type)}
      WHERE ${filterWhere(formula.end, unitCodes, asOf)} AND ${hasKey(formula.key)}
      GROUP BY unit_code, key
    ) AS e USING (unit_code, key)
    WHERE arrayExists(x -> x >= s_at, ends)
  )
  GROUP BY split
)`;
}

/**
 * Per unit, the report standing for the range: the latest period lying inside it, of that the
 * highest revision, then the later occurredAt, then the larger eventId. Figures come back as their
 * JSON text (ClickHouse 18.16 parses floats inexactly). Columns unit_code, event_id, period,
 * value, numerator, denominator (raw JSON; '' when absent).
 */
export function reportedSql(
  formula: ReportedFormula,
  unitCodes: readonly string[],
  range: { start: number; end: number },
  asOf: number,
): SqlFragment {
  const filter = {
    type: REPORTED_INDICATOR_TYPE,
    where: [{ field: 'indicatorId', op: 'equals' as const, value: formula.indicatorId }],
  };
  const offset = new SqlFragment(String(LOCAL_OFFSET));
  return sql`SELECT unit_code, event_id, period, value, numerator, denominator FROM (
  SELECT unit_code, event_id, occurred_at, period,
    ${raw('value')} AS value, ${raw('numerator')} AS numerator, ${raw('denominator')} AS denominator,
    visitParamExtractFloat(payload, 'revision') AS revision,
    substring(period, 6, 1) AS p_mark,
    multiIf(length(period) = 4, 'Y', p_mark = 'H', 'H', p_mark = 'Q', 'Q', p_mark = 'W', 'W',
      length(period) = 7, 'M', length(period) = 10, 'D', '') AS p_kind,
    toInt32(toUInt8OrZero(substring(period, 7, 2))) AS p_n,
    multiIf(p_kind = 'H', p_n * 6 - 5, p_kind = 'Q', p_n * 3 - 2, p_kind = 'M', toInt32(toUInt8OrZero(substring(period, 6, 2))), 1) AS p_month,
    multiIf(p_kind = 'D', toDateOrZero(period),
      p_kind = 'W', toMonday(toDateOrZero(concat(substring(period, 1, 4), '-01-04'))) + 7 * (p_n - 1),
      toDateOrZero(concat(substring(period, 1, 4), '-', if(p_month < 10, '0', ''), toString(p_month), '-01'))) AS p_start_date,
    multiIf(p_kind = 'D', p_start_date + 1, p_kind = 'W', p_start_date + 7,
      addMonths(p_start_date, multiIf(p_kind = 'Y', 12, p_kind = 'H', 6, p_kind = 'Q', 3, 1))) AS p_end_date,
    toInt64(toUInt32(p_start_date)) * 86400 - ${offset} AS p_start,
    toInt64(toUInt32(p_end_date)) * 86400 - ${offset} AS p_end
  FROM (
    SELECT unit_code, event_id, occurred_at, payload, visitParamExtractString(payload, 'period') AS period
    FROM ${tableOf(REPORTED_INDICATOR_TYPE)}
    WHERE ${filterWhere(filter, unitCodes, asOf)}
  )
)
WHERE p_kind != '' AND toUInt32(p_start_date) > 0 AND p_start >= ${range.start} AND p_end <= ${range.end}
ORDER BY unit_code, p_end DESC, p_start DESC, revision DESC, occurred_at DESC, event_id DESC
LIMIT 1 BY unit_code`;
}

/**
 * Per unit, the roster count of its latest version valid on `date` (YYYY-MM-DD), as the latest
 * recorded import states it (rows of an import not yet recorded are not seen).
 */
export function referenceCountsSql(
  reference: string,
  unitCodes: readonly string[],
  date: string,
): SqlFragment {
  return sql`SELECT unit_code, argMax(count, valid_from) AS count FROM (
  SELECT unit_code, valid_from, argMax(count, import_id) AS count FROM ${identifier(TABLES.referenceRosters)}
  WHERE roster = ${reference} AND unit_code IN ${unitCodes} AND valid_from <= toDate(${date})
    AND import_id IN (SELECT import_id FROM ${identifier(TABLES.referenceImports)})
  GROUP BY unit_code, valid_from
) GROUP BY unit_code`;
}
