import { localDayRange } from '@libs/admin-units';
import { COMMUNE, kpiEvent, NEIGHBOUR, type KpiScenario } from './kpi-scenario';

const registered = (id: string, cameraId: string, at: string, unit?: string) =>
  kpiEvent(
    id,
    'camera.device.registered',
    at,
    {
      cameraId,
      name: `Camera ${cameraId}`,
      latitude: 10.95,
      longitude: 106.82,
      ai: true,
      roadClass: 'provincial',
      keyPoint: true,
    },
    unit,
  );
const status = (id: string, cameraId: string, at: string, value: 'up' | 'down', unit?: string) =>
  kpiEvent(id, 'camera.status.changed', at, { cameraId, status: value }, unit);

export const CAMERA_ONLINE_SCENARIO: KpiScenario = {
  kpiId: 'camera_online_pct',
  description:
    'On 23 Nov: CAM1 up until 06:00 and again from 12:00 (18 h of 24); CAM2 registered at 12:00 and never ' +
    'reports (0 h of 12); CAM3 down until 18:00 (6 h of 24). CAM4 is the neighbour. 24 h / 60 h = 40%.',
  events: [
    registered('g1', 'CAM1', '2026-11-01T08:00:00+07:00'),
    status('s1a', 'CAM1', '2026-11-22T08:00:00+07:00', 'up'),
    status('s1b', 'CAM1', '2026-11-23T06:00:00+07:00', 'down'),
    status('s1b', 'CAM1', '2026-11-23T06:00:00+07:00', 'down'),
    status('s1c', 'CAM1', '2026-11-23T12:00:00+07:00', 'up'),
    registered('g2', 'CAM2', '2026-11-23T12:00:00+07:00'),
    registered('g3', 'CAM3', '2026-11-01T08:00:00+07:00'),
    status('s3a', 'CAM3', '2026-11-20T08:00:00+07:00', 'down'),
    status('s3b', 'CAM3', '2026-11-23T18:00:00+07:00', 'up'),
    registered('g4', 'CAM4', '2026-11-01T08:00:00+07:00', NEIGHBOUR),
    status('s4', 'CAM4', '2026-11-01T08:00:00+07:00', 'up', NEIGHBOUR),
  ],
  options: {
    unitCodes: [COMMUNE],
    range: localDayRange('2026-11-23'),
    asOf: localDayRange('2026-11-24').start,
  },
  expected: { numerator: 86_400, denominator: 216_000, value: 40 },
};
