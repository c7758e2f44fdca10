import { identifier, rawEventsTable, sql, SqlFragment } from '@libs/clickhouse';
import { isSourceId } from '@libs/contracts';
import type { Condition, EventFilter } from '@libs/kpi';

/**
 * SQL pieces over the raw event tables, which hold each payload as the JSON text ingest wrote
 * (JSON.stringify: no spaces, top-level fields only). ClickHouse 18.16 has no JSON functions but
 * `visitParamExtract*`, so a field is compared as its raw JSON text: `"online":true` holds
 * `true`, `"channel":"online"` holds `"online"`. Comparing raw text against JSON.stringify of the
 * expected value is exact (a string never equals a number or a boolean) and a missing field reads
 * as '' and equals nothing, as the formula model requires.
 */

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A payload field name, checked: it is rendered inside a string literal the JSON search matches. */
function fieldName(field: string): string {
  if (!FIELD.test(field)) throw new Error(`not a payload field name: ${JSON.stringify(field)}`);
  return field;
}

export function raw(field: string): SqlFragment {
  return sql`visitParamExtractRaw(payload, ${fieldName(field)})`;
}

/** The entity key a field names, as String(value) of a string or number (what keyOf reads). */
export function keyOf(field: string): SqlFragment {
  return sql`if(substring(${raw(field)}, 1, 1) = '"', visitParamExtractString(payload, ${fieldName(field)}), ${raw(field)})`;
}

/** The key field holds a string or a number: anything else cannot name an entity. */
export function hasKey(field: string): SqlFragment {
  return sql`match(${raw(field)}, '^["0-9-]')`;
}

/**
 * Text as a DateTime, NULL when it is empty or not a date-time. 18.16 parses '' as 2000-01-01
 * (chDB as NULL), and a missing payload field reads as '': so '' is NULL first.
 */
export function dateOrNull(text: SqlFragment): SqlFragment {
  return sql`parseDateTimeBestEffortOrNull(nullIf(${text}, ''))`;
}

/** A payload date-time field as a DateTime, NULL when it is missing or not a date-time. */
export function dateOf(field: string): SqlFragment {
  return dateOrNull(sql`visitParamExtractString(payload, ${fieldName(field)})`);
}

/** An instant in unix seconds. */
export function at(seconds: number): SqlFragment {
  if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`not an instant in seconds: ${seconds}`);
  return sql`toDateTime(${seconds})`;
}

export function conditionSql(condition: Condition): SqlFragment {
  switch (condition.op) {
    case 'equals':
      return sql`${raw(condition.field)} = ${JSON.stringify(condition.value)}`;
    case 'not_equals':
      return sql`${raw(condition.field)} != ${JSON.stringify(condition.value)}`;
    case 'in':
      return sql`${raw(condition.field)} IN ${condition.values.map((v) => JSON.stringify(v))}`;
    case 'not_before_occurrence':
      return sql`ifNull(${dateOf(condition.field)} >= occurred_at, 0)`;
  }
}

/** The raw table an event type lives in: `<source>_events`. */
export function tableOf(type: string): SqlFragment {
  const source = type.split('.')[0];
  if (!isSourceId(source)) throw new Error(`event type ${type} names no known source`);
  return identifier(rawEventsTable(source));
}

/**
 * Known events of a filter in the scope: its type, its conditions, and occurred before `before`
 * (unix seconds; asOf, or an earlier instant for state formulas).
 */
export function filterWhere(filter: EventFilter, unitCodes: readonly string[], before: number): SqlFragment {
  const conditions = (filter.where ?? []).map((c) => sql` AND ${conditionSql(c)}`.text).join('');
  return sql`type = ${filter.type} AND unit_code IN ${unitCodes} AND occurred_at < ${at(before)}${new SqlFragment(conditions)}`;
}

/** The column a breakdown splits by: the raw value as text (strings unquoted), '' when absent. */
export function splitOf(field: string | undefined): SqlFragment {
  return field === undefined ? sql`''` : keyOf(field);
}
