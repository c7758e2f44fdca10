import { defineKpi } from '../kpi-definition';
import { planTarget } from '../kpi-target';
import { PLANS } from '../plans';

export const OCOP_PRODUCTS_ONLINE_PCT = defineKpi({
  id: 'ocop_products_online_pct',
  nameVi: 'Sản phẩm OCOP được quảng bá trên mạng',
  nameEn: 'OCOP products promoted online',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_economy',
  sources: ['reporting'],
  mode: 'reported',
  cadence: 'yearly',
  formula: { kind: 'reported', indicatorId: 'ocop_products_online_pct' },
  targets: [
    planTarget(PLANS.dongNaiCommuneGuidance2022, {
      level: 'commune',
      year: 2025,
      comparator: '=',
      value: 100,
      section: 'I.1.2.2',
    }),
  ],
  exclusions:
    'D is the OCOP and other advantaged products of the commune; N those promoted on social networks, ' +
    'e-commerce sites or web portals.',
});
