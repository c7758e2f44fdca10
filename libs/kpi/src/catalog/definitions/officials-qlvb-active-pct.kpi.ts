import { defineKpi } from '../kpi-definition';
import { planTarget } from '../kpi-target';
import { PLANS } from '../plans';

export const OFFICIALS_QLVB_ACTIVE_PCT = defineKpi({
  id: 'officials_qlvb_active_pct',
  nameVi: 'Cán bộ sử dụng hệ thống QLVB',
  nameEn: 'Officials using the document management system',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_government',
  sources: ['qlvb'],
  mode: 'event',
  cadence: 'weekly',
  formula: {
    kind: 'ratio',
    numerator: { type: 'qlvb.official.acted', distinctBy: 'officialId' },
    denominator: { reference: 'qlvb_officials' },
  },
  targets: [
    planTarget(PLANS.dongNaiCommuneGuidance2022, {
      level: 'commune',
      year: 2025,
      comparator: '=',
      value: 100,
      section: 'II.1.2',
    }),
  ],
  exclusions:
    'N is officials with at least one action in QLVB in the period; D is the unit roster ' +
    '(reference data qlvb_officials), not events. A unit without a roster count has no value.',
});
