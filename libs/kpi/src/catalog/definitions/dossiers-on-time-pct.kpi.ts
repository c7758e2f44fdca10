import { defineKpi } from '../kpi-definition';
import { notBeforeOccurrence, notEq } from '../kpi-formula';

const resolvedNotWithdrawn = {
  type: 'onestop.dossier.resolved',
  where: [notEq('outcome', 'withdrawn')],
  distinctBy: 'dossierId',
} as const;

export const DOSSIERS_ON_TIME_PCT = defineKpi({
  id: 'dossiers_on_time_pct',
  nameVi: 'Hồ sơ giải quyết đúng hạn',
  nameEn: 'Dossiers resolved on time',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_government',
  sources: ['onestop'],
  mode: 'event',
  cadence: 'daily',
  formula: {
    kind: 'ratio',
    numerator: {
      ...resolvedNotWithdrawn,
      where: [...resolvedNotWithdrawn.where, notBeforeOccurrence('dueAt')],
    },
    denominator: resolvedNotWithdrawn,
  },
  targets: [],
  exclusions:
    'Withdrawn dossiers are left out. On time means resolved at or before the due date. None of the ' +
    'plans sets a figure; it is the standard national service-index measure, added outside the plans.',
  breakdowns: ['procedureCode'],
});
