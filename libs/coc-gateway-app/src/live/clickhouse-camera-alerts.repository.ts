import { Injectable } from '@nestjs/common';
import { ClickHouseConnection, SqlFragment, identifier, rawEventsTable, sql } from '@libs/clickhouse';
import {
  CameraAlertAcknowledged,
  CameraAlertRaised,
  CongestionEnded,
  CongestionStarted,
} from '@libs/contracts';
import type { CameraAlertLine, CameraAlerts, CameraSituation, CongestionLine } from './camera-alerts.port';

interface AlertRow {
  scope_unit: string;
  alert_id: string;
  alert_type: string;
  severity: string;
  raised_at: number | string;
  acknowledged: number | string;
}
interface CongestionRow {
  scope_unit: string;
  congestion_id: string;
  level: string;
  started_at: number | string;
}
interface TotalsRow {
  scope_unit: string;
  raised: number | string;
  unacknowledged: number | string;
}

const SEVERITIES = new Set(['info', 'warning', 'critical']);

/** Units per read of situationEach: the code list appears three times, under max_query_size. */
const UNITS_PER_QUERY = 1_000;

const nothing = (): CameraSituation => ({
  alerts: [],
  alertsRaised: 0,
  alertsUnacknowledged: 0,
  congestions: [],
});

/** Pairs raise/acknowledge and start/end by their ids over the camera raw table (FINAL-free: grouped). */
@Injectable()
export class ClickHouseCameraAlerts implements CameraAlerts {
  constructor(private readonly connection: ClickHouseConnection) {}

  async situation(
    unitCodes: readonly string[],
    since: Date,
    asOf: Date,
    limit: number,
  ): Promise<CameraSituation> {
    if (unitCodes.length === 0) return nothing();
    return (await this.read(unitCodes, since, asOf, limit, false)).get('') ?? nothing();
  }

  async situationEach(
    unitCodes: readonly string[],
    since: Date,
    asOf: Date,
    limit: number,
  ): Promise<Map<string, CameraSituation>> {
    const result = new Map<string, CameraSituation>();
    for (let i = 0; i < unitCodes.length; i += UNITS_PER_QUERY) {
      const chunk = unitCodes.slice(i, i + UNITS_PER_QUERY);
      const read = await this.read(chunk, since, asOf, limit, true);
      for (const unit of chunk) result.set(unit, read.get(unit) ?? nothing());
    }
    return result;
  }

  /**
   * The situation of the units together (keyed '') or of each unit (keyed by its code). The key is
   * not aliased unit_code: ClickHouse would read the alias in WHERE.
   */
  private async read(
    unitCodes: readonly string[],
    since: Date,
    asOf: Date,
    limit: number,
    byUnit: boolean,
  ): Promise<Map<string, CameraSituation>> {
    const table = identifier(rawEventsTable('camera'));
    const unit = new SqlFragment(byUnit ? 'unit_code' : "''");
    const groupBy = new SqlFragment(byUnit ? 'unit_code, ' : '');
    const limitBy = byUnit ? ' BY scope_unit' : '';
    const raised = CameraAlertRaised.type;
    const acked = CameraAlertAcknowledged.type;
    const perAlert = sql`SELECT ${unit} AS scope_unit, visitParamExtractString(payload, 'alertId') AS alert_id,
  anyIf(visitParamExtractString(payload, 'alertType'), type = ${raised}) AS alert_type,
  anyIf(visitParamExtractString(payload, 'severity'), type = ${raised}) AS severity,
  toUnixTimestamp(minIf(occurred_at, type = ${raised})) AS raised_at,
  countIf(type = ${acked}) > 0 AS acknowledged
FROM ${table}
WHERE unit_code IN ${unitCodes} AND type IN ${[raised, acked]} AND occurred_at >= ${since} AND occurred_at < ${asOf}
GROUP BY ${groupBy}alert_id
HAVING countIf(type = ${raised}) > 0`;
    const started = CongestionStarted.type;
    const ended = CongestionEnded.type;
    const [alerts, totals, congestions] = await Promise.all([
      this.rows<AlertRow>(
        `${perAlert.text}\nORDER BY acknowledged ASC, raised_at DESC, alert_id LIMIT ${limit}${limitBy}`,
      ),
      this.rows<TotalsRow>(
        `SELECT scope_unit, count() AS raised, countIf(acknowledged = 0) AS unacknowledged FROM (${perAlert.text}) GROUP BY scope_unit`,
      ),
      this.rows<CongestionRow>(
        sql`SELECT ${unit} AS scope_unit, visitParamExtractString(payload, 'congestionId') AS congestion_id,
  anyIf(visitParamExtractString(payload, 'level'), type = ${started}) AS level,
  toUnixTimestamp(minIf(occurred_at, type = ${started})) AS started_at
FROM ${table}
WHERE unit_code IN ${unitCodes} AND type IN ${[started, ended]} AND occurred_at >= ${since} AND occurred_at < ${asOf}
GROUP BY ${groupBy}congestion_id
HAVING countIf(type = ${started}) > 0 AND countIf(type = ${ended}) = 0
ORDER BY started_at DESC, congestion_id LIMIT ${new SqlFragment(`${limit}${limitBy}`)}`.text,
      ),
    ]);
    const result = new Map<string, CameraSituation>();
    const of = (code: string) => {
      const known = result.get(code) ?? nothing();
      result.set(code, known);
      return known;
    };
    for (const r of alerts)
      of(r.scope_unit).alerts.push({
        alertId: r.alert_id,
        alertType: r.alert_type,
        severity: SEVERITIES.has(r.severity) ? (r.severity as CameraAlertLine['severity']) : 'warning',
        raisedAt: new Date(Number(r.raised_at) * 1000),
        acknowledged: Number(r.acknowledged) === 1,
      });
    for (const r of totals) {
      const situation = of(r.scope_unit);
      situation.alertsRaised = Number(r.raised);
      situation.alertsUnacknowledged = Number(r.unacknowledged);
    }
    for (const r of congestions)
      of(r.scope_unit).congestions.push({
        congestionId: r.congestion_id,
        level: r.level,
        startedAt: new Date(Number(r.started_at) * 1000),
      } satisfies CongestionLine);
    return result;
  }

  private async rows<T>(query: string): Promise<T[]> {
    return (await this.connection.store.query({ query, format: 'JSONEachRow' })).json<T>();
  }
}
