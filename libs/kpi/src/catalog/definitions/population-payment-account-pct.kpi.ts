import { defineKpi } from '../kpi-definition';
import { planTarget } from '../kpi-target';
import { PLANS } from '../plans';

export const POPULATION_PAYMENT_ACCOUNT_PCT = defineKpi({
  id: 'population_payment_account_pct',
  nameVi: 'Người dân có tài khoản thanh toán điện tử',
  nameEn: 'Residents with an electronic payment account',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_economy',
  sources: ['reporting'],
  mode: 'reported',
  cadence: 'yearly',
  formula: { kind: 'reported', indicatorId: 'population_payment_account_pct' },
  targets: [
    planTarget(PLANS.dongNaiCommuneGuidance2022, {
      level: 'commune',
      year: 2025,
      comparator: '=',
      value: 60,
      section: 'I.1.2.3.c',
    }),
  ],
  exclusions:
    'D is the whole commune population (this plan), not adults or people aged 15 and over as in ' +
    'other plans. Reported by banks and payment providers.',
});
