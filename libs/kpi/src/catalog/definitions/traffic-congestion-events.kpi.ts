import { defineKpi } from '../kpi-definition';

export const TRAFFIC_CONGESTION_EVENTS = defineKpi({
  id: 'traffic_congestion_events',
  nameVi: 'Sự kiện ùn tắc giao thông',
  nameEn: 'Traffic congestion events',
  unit: 'count',
  direction: 'lower_is_better',
  screenPillar: 'digital_society',
  sources: ['camera'],
  mode: 'event',
  cadence: 'realtime',
  formula: { kind: 'count', of: { type: 'camera.congestion.started', distinctBy: 'congestionId' } },
  measures: [
    {
      id: 'duration_minutes_median',
      nameVi: 'Thời gian ùn tắc (trung vị)',
      nameEn: 'Median congestion duration in minutes',
      unit: 'minutes',
      direction: 'lower_is_better',
      formula: {
        kind: 'median_delay',
        start: { type: 'camera.congestion.started' },
        end: { type: 'camera.congestion.ended' },
        key: 'congestionId',
      },
    },
  ],
  targets: [],
  exclusions:
    'A congestion counts in the period it started. Congestions still going on are left out of the ' +
    'median duration. No plan sets a figure; one asks for real-time monitoring (seed 001, line 328).',
  breakdowns: ['cameraId'],
});
