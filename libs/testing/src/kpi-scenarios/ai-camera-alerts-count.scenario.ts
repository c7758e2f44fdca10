import { kpiEvent, NEIGHBOUR, NOVEMBER_2026, type KpiScenario } from './kpi-scenario';

const raised = (id: string, alertId: string, at: string, unit?: string) =>
  kpiEvent(
    id,
    'camera.alert.raised',
    at,
    { alertId, cameraId: 'CAM1', alertType: 'wrong_way', severity: 'critical' },
    unit,
  );
const acknowledged = (id: string, alertId: string, at: string) =>
  kpiEvent(id, 'camera.alert.acknowledged', at, { alertId, cameraId: 'CAM1', acknowledgedBy: 'OFF1' });

const events = [
  raised('a1', 'A1', '2026-11-05T10:00:00+07:00'),
  raised('a1', 'A1', '2026-11-05T10:00:00+07:00'),
  raised('a1-resent', 'A1', '2026-11-05T10:01:00+07:00'),
  acknowledged('k1', 'A1', '2026-11-05T10:04:00+07:00'),
  raised('a2', 'A2', '2026-11-12T14:00:00+07:00'),
  acknowledged('k2', 'A2', '2026-11-12T14:10:00+07:00'),
  raised('a3', 'A3', '2026-11-30T23:30:00+07:00'),
  raised('a4', 'A4', '2026-10-31T23:30:00+07:00'),
  acknowledged('k4', 'A4', '2026-11-01T00:10:00+07:00'),
  raised('a5', 'A5', '2026-11-06T10:00:00+07:00', NEIGHBOUR),
];

export const AI_CAMERA_ALERTS_SCENARIO: KpiScenario = {
  kpiId: 'ai_camera_alerts_count',
  description:
    'A1 (delivered twice, then re-sent under a new event id), A2, A3 (23:30 on 30 Nov) in November; A4 ' +
    'in October; A5 in the neighbour.',
  events,
  options: NOVEMBER_2026,
  expected: { numerator: 3, denominator: null, value: 3 },
};

export const AI_CAMERA_ACKNOWLEDGE_SCENARIO: KpiScenario = {
  kpiId: 'ai_camera_alerts_count',
  measureId: 'minutes_to_acknowledge_median',
  description:
    'A1 acknowledged 4 min after it was first raised, A2 after 10; A3 not yet: median of 4 and 10.',
  events,
  options: NOVEMBER_2026,
  expected: { numerator: 2, denominator: null, value: 7 },
};
