import { defineKpi } from '../kpi-definition';

export const CAMERA_ONLINE_PCT = defineKpi({
  id: 'camera_online_pct',
  nameVi: 'Camera hoạt động',
  nameEn: 'Cameras online',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_society',
  sources: ['camera'],
  mode: 'state',
  cadence: 'realtime',
  formula: {
    kind: 'time_weighted_up',
    registered: { type: 'camera.device.registered' },
    status: { type: 'camera.status.changed' },
    key: 'cameraId',
    statusField: 'status',
    upValue: 'up',
  },
  targets: [],
  exclusions:
    'Time-weighted over registered cameras: each counts from its registration, and is down until it ' +
    'first reports up. No plan sets a figure (seed 004, line 179 asks for access at every level).',
});
