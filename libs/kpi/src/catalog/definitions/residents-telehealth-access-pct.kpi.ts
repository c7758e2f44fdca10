import { defineKpi } from '../kpi-definition';
import { planTarget } from '../kpi-target';
import { PLANS } from '../plans';

export const RESIDENTS_TELEHEALTH_ACCESS_PCT = defineKpi({
  id: 'residents_telehealth_access_pct',
  nameVi: 'Người dân tiếp cận dịch vụ y tế từ xa',
  nameEn: 'Residents with access to telehealth services',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_society',
  sources: ['reporting'],
  mode: 'reported',
  cadence: 'yearly',
  formula: { kind: 'reported', indicatorId: 'residents_telehealth_access_pct' },
  targets: [
    planTarget(PLANS.dongNaiCommuneGuidance2022, {
      level: 'commune',
      year: 2025,
      comparator: '=',
      value: 30,
      section: 'I.1.2.3.b',
      note: 'a pilot figure',
    }),
  ],
  exclusions:
    'D is the commune population; N residents able to reach remote health advice and care ' +
    'platforms. Reported by the health sector.',
});
