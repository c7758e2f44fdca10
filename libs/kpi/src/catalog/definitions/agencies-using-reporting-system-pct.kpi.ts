import { defineKpi } from '../kpi-definition';
import { eq } from '../kpi-formula';
import { planTarget } from '../kpi-target';
import { PLANS } from '../plans';

export const AGENCIES_USING_REPORTING_SYSTEM_PCT = defineKpi({
  id: 'agencies_using_reporting_system_pct',
  nameVi: 'Cơ quan sử dụng hệ thống thông tin báo cáo',
  nameEn: 'Agencies using the reporting information system',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_government',
  sources: ['reporting'],
  mode: 'event',
  cadence: 'monthly',
  formula: {
    kind: 'ratio',
    numerator: {
      type: 'reporting.report.submitted',
      where: [eq('viaSystem', true)],
      distinctBy: 'agencyCode',
    },
    denominator: { reference: 'reporting_agencies' },
  },
  targets: [
    planTarget(PLANS.thapMuoiDistrict2022, {
      level: 'commune',
      year: 2025,
      comparator: '=',
      value: 100,
      section: 'II.1.a',
    }),
  ],
  exclusions:
    'N is agencies with at least one submission through the system in the period; D is the list of ' +
    'administrative agencies of the unit (reference data reporting_agencies). Submissions outside ' +
    'the system do not count.',
});
