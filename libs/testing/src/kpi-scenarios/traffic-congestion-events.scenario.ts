import { kpiEvent, NOVEMBER_2026, type KpiScenario } from './kpi-scenario';

const started = (id: string, congestionId: string, at: string) =>
  kpiEvent(id, 'camera.congestion.started', at, { congestionId, cameraId: 'CAM7', level: 'heavy' });
const ended = (id: string, congestionId: string, at: string) =>
  kpiEvent(id, 'camera.congestion.ended', at, { congestionId, cameraId: 'CAM7' });

const events = [
  started('c1', 'C1', '2026-11-03T07:00:00+07:00'),
  ended('c1e', 'C1', '2026-11-03T07:30:00+07:00'),
  started('c2', 'C2', '2026-11-10T17:00:00+07:00'),
  ended('c2e', 'C2', '2026-11-10T17:50:00+07:00'),
  started('c3', 'C3', '2026-11-20T08:00:00+07:00'),
  ended('c3e', 'C3', '2026-11-20T08:20:00+07:00'),
  started('c4', 'C4', '2026-11-28T18:00:00+07:00'),
  started('c0', 'C0', '2026-10-31T23:30:00+07:00'),
  ended('c0e', 'C0', '2026-11-01T00:30:00+07:00'),
];

export const TRAFFIC_CONGESTION_SCENARIO: KpiScenario = {
  kpiId: 'traffic_congestion_events',
  description: 'C1..C4 start in November (C4 still going on); C0 started in October.',
  events,
  options: NOVEMBER_2026,
  expected: { numerator: 4, denominator: null, value: 4 },
};

export const TRAFFIC_CONGESTION_DURATION_SCENARIO: KpiScenario = {
  kpiId: 'traffic_congestion_events',
  measureId: 'duration_minutes_median',
  description: 'Ended congestions of November lasted 30, 50 and 20 minutes: the median is 30.',
  events,
  options: NOVEMBER_2026,
  expected: { numerator: 3, denominator: null, value: 30 },
};
