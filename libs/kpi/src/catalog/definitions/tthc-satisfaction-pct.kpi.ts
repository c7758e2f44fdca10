import { defineKpi } from '../kpi-definition';
import { eq } from '../kpi-formula';
import { planTarget } from '../kpi-target';
import { PLANS } from '../plans';

const rated = { type: 'onestop.dossier.rated', distinctBy: 'dossierId' } as const;

export const TTHC_SATISFACTION_PCT = defineKpi({
  id: 'tthc_satisfaction_pct',
  nameVi: 'Người dân, doanh nghiệp hài lòng',
  nameEn: 'Citizens and businesses satisfied',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_government',
  sources: ['onestop'],
  mode: 'event',
  cadence: 'daily',
  formula: {
    kind: 'ratio',
    numerator: { ...rated, where: [eq('satisfied', true)] },
    denominator: rated,
  },
  targets: [
    planTarget(PLANS.thapMuoiDistrict2022, {
      level: 'commune',
      year: 2025,
      comparator: '≥',
      value: 90,
      section: 'II.1.a',
    }),
  ],
  exclusions: 'Only rated dossiers count; unrated ones are neither satisfied nor unsatisfied.',
});
