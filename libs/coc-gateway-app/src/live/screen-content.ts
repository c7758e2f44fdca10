import type {
  CommuneKpi,
  CommuneRow,
  LiveTile,
  ScreenAlert,
  ScreenAudience,
  SourceHealth,
} from '@libs/contracts';
import type { KpiDefinition } from '@libs/kpi';
import type { KpiFiguresDto } from '../kpi/kpi-reader.service';
import type { PeriodDto } from '../kpi/kpi-responses.dto';
import type { CameraSituation } from './camera-alerts.port';

/** A KPI answer of the REST query path, as a screen tile. */
export function tileOf(
  definition: KpiDefinition,
  dto: KpiFiguresDto,
  period: PeriodDto,
  trend: (number | null)[],
): LiveTile {
  return {
    kpiId: dto.kpiId,
    nameVi: dto.nameVi,
    nameEn: dto.nameEn,
    pillar: definition.screenPillar,
    unit: dto.unit,
    unitLabel: dto.unitLabel,
    direction: dto.direction,
    period: { kind: period.kind, from: period.from, to: period.to },
    value: dto.value,
    numerator: dto.numerator,
    denominator: dto.denominator,
    noData: dto.noData,
    target: dto.target && {
      plan: dto.target.plan,
      issuer: dto.target.issuer,
      year: dto.target.year,
      comparator: dto.target.comparator,
      value: dto.target.value,
      citation: dto.target.citation,
    },
    status: dto.status,
    statusLabelVi: dto.statusLabelVi,
    statusLabelEn: dto.statusLabelEn,
    unitsWithoutData: dto.unitsWithoutData,
    sources: [...definition.sources],
    trend,
    asOf: dto.asOf,
  };
}

/** KPIs whose value is a count of open problems, shown as lines of the alerts panel too. */
export const OVERDUE_ALERT_KPIS = {
  dossiers_overdue_open: 'overdue_dossiers',
  docs_overdue_count: 'overdue_documents',
} as const;

/** Lines on a screen's alerts panel: always bounded, so a flood never grows the page. */
export const MAX_ALERT_LINES = 8;

/**
 * The alerts panel: overdue counts first, then unacknowledged camera alerts, congestion, and
 * acknowledged alerts, newest first. The public view shows only the counts.
 */
export function alertsOf(
  tiles: readonly LiveTile[],
  camera: CameraSituation,
  audience: ScreenAudience,
  asOf: string,
): ScreenAlert[] {
  const lines: ScreenAlert[] = [];
  for (const [kpiId, kind] of Object.entries(OVERDUE_ALERT_KPIS)) {
    const tile = tiles.find((t) => t.kpiId === kpiId);
    if (tile?.value)
      lines.push({
        id: kind,
        kind,
        since: asOf,
        detail: String(tile.value),
        severity: 'warning',
        acknowledged: false,
        count: tile.value,
      });
  }
  if (audience === 'public') {
    if (camera.alertsRaised > 0)
      lines.push({
        id: 'camera_alerts',
        kind: 'camera_alert',
        since: asOf,
        detail: String(camera.alertsRaised),
        severity: 'info',
        acknowledged: camera.alertsUnacknowledged === 0,
        count: camera.alertsRaised,
      });
    if (camera.congestions.length > 0)
      lines.push({
        id: 'congestions',
        kind: 'congestion',
        since: asOf,
        detail: String(camera.congestions.length),
        severity: 'info',
        acknowledged: false,
        count: camera.congestions.length,
      });
    return lines.slice(0, MAX_ALERT_LINES);
  }
  const cameraLines = camera.alerts.map((a): ScreenAlert => ({
    id: `alert:${a.alertId}`,
    kind: 'camera_alert',
    since: a.raisedAt.toISOString(),
    detail: a.alertType,
    severity: a.severity,
    acknowledged: a.acknowledged,
  }));
  const congestionLines = camera.congestions.map((c): ScreenAlert => ({
    id: `congestion:${c.congestionId}`,
    kind: 'congestion',
    since: c.startedAt.toISOString(),
    detail: c.level,
    severity: c.level === 'standstill' ? 'critical' : 'warning',
    acknowledged: false,
  }));
  lines.push(
    ...cameraLines.filter((l) => !l.acknowledged),
    ...congestionLines,
    ...cameraLines.filter((l) => l.acknowledged),
  );
  return lines.slice(0, MAX_ALERT_LINES);
}

const STATUS_RANK: Record<string, number> = { below: 0, no_data: 1, no_target: 2, meets: 3 };

/** A commune's figure for one KPI of the communes table. */
export function communeKpiOf(dto: KpiFiguresDto): CommuneKpi {
  return {
    kpiId: dto.kpiId,
    value: dto.value,
    noData: dto.noData,
    status: dto.status,
    statusLabelVi: dto.statusLabelVi,
    statusLabelEn: dto.statusLabelEn,
    target: dto.target?.value ?? null,
  };
}

/** A commune's row from its figures for the table's KPIs (in the table's order) and its sources' health. */
export function communeRowOf(
  unit: { code: string; name: string },
  kpis: readonly KpiFiguresDto[],
  sources: readonly SourceHealth[],
): CommuneRow {
  const heard = sources.filter((s) => !s.stale);
  const last = sources
    .map((s) => s.lastEventAt)
    .filter((t): t is string => t !== null)
    .sort()
    .pop();
  return {
    unitCode: unit.code,
    name: unit.name,
    kpis: kpis.map(communeKpiOf),
    completeness: sources.length === 0 ? 0 : heard.length / sources.length,
    silent: heard.length === 0,
    lastEventAt: last ?? null,
  };
}

/**
 * Worst first by the table's first KPI: silent communes, then below target, no data, no target,
 * met; then the worse value.
 */
export function sortCommunes(rows: readonly CommuneRow[], direction: LiveTile['direction']): CommuneRow[] {
  const sign = direction === 'higher_is_better' ? 1 : -1;
  return [...rows].sort(
    (a, b) =>
      Number(b.silent) - Number(a.silent) ||
      (STATUS_RANK[a.kpis[0]?.status] ?? 9) - (STATUS_RANK[b.kpis[0]?.status] ?? 9) ||
      sign * ((a.kpis[0]?.value ?? Infinity) - (b.kpis[0]?.value ?? Infinity)) ||
      a.unitCode.localeCompare(b.unitCode),
  );
}
