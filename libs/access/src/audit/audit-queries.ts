import { stringLiteral } from '@libs/clickhouse';

/**
 * The documented questions of the audit trail (README "Audit: who saw what"), one query each.
 * `{name:String}` marks a parameter, as newer ClickHouse servers write them (clickhouse-client
 * --param_name=…); on 18.16 bind them with `bindAuditQuery`. The README shows this exact text and
 * a unit test keeps them equal.
 */
export const AUDIT_QUERIES = {
  /** What a commune's screens (and anyone else) were shown about it on a local day, and who was refused. */
  unitOnDay: `SELECT at, app, action, principal_id, role, address, kpi_ids, period_name, period_from, period_to, as_of, outcome, detail
FROM access_audit FINAL
WHERE unit_code = {unit:String}
  AND toDate(at) = toDate({day:String})
ORDER BY at, id`,
  /** Who pulled a unit's rollups from ioc-sync in the last seven days, with what outcome. */
  rollupPullsLastWeek: `SELECT principal_id, role, scope, address, outcome, count() AS pulls, min(at) AS first_at, max(at) AS last_at, groupUniqArrayArray(kpi_ids) AS kpis
FROM access_audit FINAL
WHERE unit_code = {unit:String}
  AND app = 'ioc-sync'
  AND action = 'GET /api/v1/ioc/units/:unitCode/rollups'
  AND at >= now() - INTERVAL 7 DAY
GROUP BY principal_id, role, scope, address, outcome
ORDER BY last_at DESC`,
} as const;

/** A documented query with its `{name:String}` parameters replaced by quoted values. */
export function bindAuditQuery(query: string, values: Readonly<Record<string, string>>): string {
  return query.replace(/\{(\w+):String\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for the parameter ${name}`);
    return stringLiteral(value);
  });
}
