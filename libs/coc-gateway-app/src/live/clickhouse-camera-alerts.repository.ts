import { Injectable } from '@nestjs/common';
import { ClickHouseConnection, identifier, rawEventsTable, sql } from '@libs/clickhouse';
import {
  CameraAlertAcknowledged,
  CameraAlertRaised,
  CongestionEnded,
  CongestionStarted,
} from '@libs/contracts';
import type { CameraAlertLine, CameraAlerts, CameraSituation, CongestionLine } from './camera-alerts.port';

interface AlertRow {
  alert_id: string;
  alert_type: string;
  severity: string;
  raised_at: number | string;
  acknowledged: number | string;
}
interface CongestionRow {
  congestion_id: string;
  level: string;
  started_at: number | string;
}
interface TotalsRow {
  raised: number | string;
  unacknowledged: number | string;
}

const SEVERITIES = new Set(['info', 'warning', 'critical']);

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
    if (unitCodes.length === 0)
      return { alerts: [], alertsRaised: 0, alertsUnacknowledged: 0, congestions: [] };
    const table = identifier(rawEventsTable('camera'));
    const raised = CameraAlertRaised.type;
    const acked = CameraAlertAcknowledged.type;
    const perAlert = sql`SELECT visitParamExtractString(payload, 'alertId') AS alert_id,
  anyIf(visitParamExtractString(payload, 'alertType'), type = ${raised}) AS alert_type,
  anyIf(visitParamExtractString(payload, 'severity'), type = ${raised}) AS severity,
  toUnixTimestamp(minIf(occurred_at, type = ${raised})) AS raised_at,
  countIf(type = ${acked}) > 0 AS acknowledged
FROM ${table}
WHERE unit_code IN ${unitCodes} AND type IN ${[raised, acked]} AND occurred_at >= ${since} AND occurred_at < ${asOf}
GROUP BY alert_id
HAVING countIf(type = ${raised}) > 0`;
    const started = CongestionStarted.type;
    const ended = CongestionEnded.type;
    const [alerts, totals, congestions] = await Promise.all([
      this.rows<AlertRow>(
        `${perAlert.text}\nORDER BY acknowledged ASC, raised_at DESC, alert_id LIMIT ${limit}`,
      ),
      this.rows<TotalsRow>(
        `SELECT count() AS raised, countIf(acknowledged = 0) AS unacknowledged FROM (${perAlert.text})`,
      ),
      this.rows<CongestionRow>(
        sql`SELECT visitParamExtractString(payload, 'congestionId') AS congestion_id,
  anyIf(visitParamExtractString(payload, 'level'), type = ${started}) AS level,
  toUnixTimestamp(minIf(occurred_at, type = ${started})) AS started_at
FROM ${table}
WHERE unit_code IN ${unitCodes} AND type IN ${[started, ended]} AND occurred_at >= ${since} AND occurred_at < ${asOf}
GROUP BY congestion_id
HAVING countIf(type = ${started}) > 0 AND countIf(type = ${ended}) = 0
ORDER BY started_at DESC, congestion_id LIMIT ${limit}`.text,
      ),
    ]);
    return {
      alerts: alerts.map((r): CameraAlertLine => ({
        alertId: r.alert_id,
        alertType: r.alert_type,
        severity: SEVERITIES.has(r.severity) ? (r.severity as CameraAlertLine['severity']) : 'warning',
        raisedAt: new Date(Number(r.raised_at) * 1000),
        acknowledged: Number(r.acknowledged) === 1,
      })),
      alertsRaised: Number(totals[0]?.raised ?? 0),
      alertsUnacknowledged: Number(totals[0]?.unacknowledged ?? 0),
      congestions: congestions.map((r): CongestionLine => ({
        congestionId: r.congestion_id,
        level: r.level,
        startedAt: new Date(Number(r.started_at) * 1000),
      })),
    };
  }

  private async rows<T>(query: string): Promise<T[]> {
    return (await this.connection.store.query({ query, format: 'JSONEachRow' })).json<T>();
  }
}
