import { defineKpi } from '../kpi-definition';

export const AI_CAMERA_ALERTS_COUNT = defineKpi({
  id: 'ai_camera_alerts_count',
  nameVi: 'Cảnh báo từ camera AI',
  nameEn: 'AI camera alerts',
  unit: 'count',
  direction: 'lower_is_better',
  screenPillar: 'digital_society',
  sources: ['camera'],
  mode: 'event',
  cadence: 'realtime',
  formula: { kind: 'count', of: { type: 'camera.alert.raised', distinctBy: 'alertId' } },
  measures: [
    {
      id: 'minutes_to_acknowledge_median',
      nameVi: 'Thời gian xác nhận cảnh báo (trung vị)',
      nameEn: 'Median minutes to acknowledge',
      unit: 'minutes',
      direction: 'lower_is_better',
      formula: {
        kind: 'median_delay',
        start: { type: 'camera.alert.raised' },
        end: { type: 'camera.alert.acknowledged' },
        key: 'alertId',
      },
    },
  ],
  targets: [],
  exclusions:
    'Each alert counts once, however often it is re-sent. Alerts not yet acknowledged are left out ' +
    'of the median. No plan sets a figure (seed 004, line 179).',
  breakdowns: ['alertType', 'severity'],
});
