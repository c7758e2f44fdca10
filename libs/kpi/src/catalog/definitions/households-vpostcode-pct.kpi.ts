import { defineKpi } from '../kpi-definition';
import { planTarget } from '../kpi-target';
import { PLANS } from '../plans';

export const HOUSEHOLDS_VPOSTCODE_PCT = defineKpi({
  id: 'households_vpostcode_pct',
  nameVi: 'Hộ gia đình, cơ quan, tổ chức được gắn mã Vpostcode',
  nameEn: 'Households and organisations with a Vpostcode address',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_society',
  sources: ['reporting'],
  mode: 'reported',
  cadence: 'yearly',
  formula: { kind: 'reported', indicatorId: 'households_vpostcode_pct' },
  targets: [
    planTarget(PLANS.dongNaiCommuneGuidance2022, {
      level: 'commune',
      year: 2025,
      comparator: '=',
      value: 80,
      section: 'I.1.2.2',
    }),
  ],
  exclusions:
    'D counts households plus agencies and organisations in the commune, as the plan does. ' +
    'Reported by VNPost.',
});
