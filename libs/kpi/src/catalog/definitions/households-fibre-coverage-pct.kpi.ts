import { defineKpi } from '../kpi-definition';
import { planTarget } from '../kpi-target';
import { PLANS } from '../plans';

export const HOUSEHOLDS_FIBRE_COVERAGE_PCT = defineKpi({
  id: 'households_fibre_coverage_pct',
  nameVi: 'Hộ gia đình trong vùng phủ cáp quang',
  nameEn: 'Households within fibre broadband coverage',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_society',
  sources: ['reporting'],
  mode: 'reported',
  cadence: 'yearly',
  formula: { kind: 'reported', indicatorId: 'households_fibre_coverage_pct' },
  targets: [
    planTarget(PLANS.dongNaiCommuneGuidance2022, {
      level: 'commune',
      year: 2025,
      comparator: '>',
      value: 80,
      section: 'I.1.2.3.c',
    }),
  ],
  exclusions:
    'Coverage (households able to connect), not subscriptions, reported by the telecom operators. ' +
    'N is households covered, D is households in the commune.',
});
