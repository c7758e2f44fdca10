import { defineKpi } from '../kpi-definition';
import { planTarget } from '../kpi-target';
import { PLANS } from '../plans';

const returned = { type: 'onestop.result.returned', distinctBy: 'dossierId' } as const;

export const TTHC_RESULTS_DIGITIZED_PCT = defineKpi({
  id: 'tthc_results_digitized_pct',
  nameVi: 'Kết quả giải quyết TTHC được số hóa',
  nameEn: 'Procedure results digitised',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_government',
  sources: ['onestop'],
  mode: 'event',
  cadence: 'monthly',
  formula: {
    kind: 'ratio',
    numerator: { ...returned, alsoIn: [{ type: 'onestop.result.digitized' }] },
    denominator: returned,
  },
  targets: [
    planTarget(PLANS.thapMuoiDistrict2022, {
      level: 'commune',
      year: 2025,
      comparator: '=',
      value: 100,
      section: 'II.1.a',
    }),
    planTarget(PLANS.dongNaiCommuneGuidance2022, {
      level: 'commune',
      year: 2025,
      comparator: '=',
      value: 100,
      section: 'II.1.2',
    }),
  ],
  exclusions:
    'D is results returned in the period, any mode; N is those with a digitised copy at any time. ' +
    'The legacy paper backlog of still-valid results is not in the events and needs a reported figure.',
  breakdowns: ['mode'],
});
