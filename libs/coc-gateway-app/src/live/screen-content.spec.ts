import type { CommuneRow } from '@libs/contracts';
import type { CameraSituation } from './camera-alerts.port';
import { MAX_ALERT_LINES, alertsOf, sortCommunes } from './screen-content';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 1, minute));
const camera: CameraSituation = {
  alerts: [
    { alertId: 'A1', alertType: 'fire_smoke', severity: 'critical', raisedAt: at(1), acknowledged: true },
    { alertId: 'A2', alertType: 'crowd', severity: 'warning', raisedAt: at(2), acknowledged: false },
  ],
  alertsRaised: 2,
  alertsUnacknowledged: 1,
  congestions: [{ congestionId: 'C1', level: 'standstill', startedAt: at(3) }],
};
const overdue = [{ kpiId: 'dossiers_overdue_open', value: 4 }] as unknown as Parameters<typeof alertsOf>[0];

describe('alertsOf', () => {
  it('lists overdue counts, then unacknowledged alerts, congestion, then acknowledged ones', () => {
    const lines = alertsOf(overdue, camera, 'officials', 'now');
    expect(lines.map((l) => [l.id, l.acknowledged])).toEqual([
      ['overdue_dossiers', false],
      ['alert:A2', false],
      ['congestion:C1', false],
      ['alert:A1', true],
    ]);
  });

  it('shows citizens counts only: no alert ids, cameras or places', () => {
    const lines = alertsOf(overdue, camera, 'public', 'now');
    expect(lines.map((l) => [l.kind, l.count])).toEqual([
      ['overdue_dossiers', 4],
      ['camera_alert', 2],
      ['congestion', 1],
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/A1|A2|C1/);
  });

  it('never grows beyond its cap', () => {
    const flood = {
      ...camera,
      alerts: Array.from({ length: 50 }, (_, i) => ({ ...camera.alerts[1], alertId: `F${i}` })),
    };
    expect(alertsOf(overdue, flood, 'officials', 'now')).toHaveLength(MAX_ALERT_LINES);
  });
});

describe('sortCommunes', () => {
  const row = (unitCode: string, status: string, value: number | null, silent = false): CommuneRow => ({
    unitCode,
    name: unitCode,
    kpis: [{ kpiId: 'k', value, noData: null, status, statusLabelVi: '', statusLabelEn: '', target: 100 }],
    completeness: silent ? 0 : 1,
    silent,
    lastEventAt: null,
  });

  it('puts silent communes first, then the furthest below target', () => {
    const sorted = sortCommunes(
      [row('1', 'meets', 100), row('2', 'below', 80), row('3', 'below', 40), row('4', 'no_data', null, true)],
      'higher_is_better',
    );
    expect(sorted.map((r) => r.unitCode)).toEqual(['4', '3', '2', '1']);
  });
});
