import { defineKpi } from '../kpi-definition';

export const DOSSIERS_OVERDUE_OPEN = defineKpi({
  id: 'dossiers_overdue_open',
  nameVi: 'Hồ sơ đang quá hạn',
  nameEn: 'Open dossiers past their due date',
  unit: 'count',
  direction: 'lower_is_better',
  screenPillar: 'digital_government',
  sources: ['onestop'],
  mode: 'state',
  cadence: 'realtime',
  formula: {
    kind: 'open_overdue',
    opened: { type: 'onestop.dossier.received' },
    closed: { type: 'onestop.dossier.resolved' },
    key: ['dossierId'],
    dueField: 'dueAt',
  },
  targets: [],
  exclusions:
    'A dossier counts while received, not yet resolved (any outcome closes it) and past its due ' +
    'date. No plan sets a figure.',
});
