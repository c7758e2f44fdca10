import { defineKpi } from '../kpi-definition';
import { eq } from '../kpi-formula';
import { planTarget } from '../kpi-target';
import { PLANS } from '../plans';

const received = { type: 'onestop.dossier.received', distinctBy: 'dossierId' } as const;

export const TTHC_DOSSIERS_ON_CENTRAL_ONESTOP_PCT = defineKpi({
  id: 'tthc_dossiers_on_central_onestop_pct',
  nameVi: 'Hồ sơ tiếp nhận, giải quyết trên hệ thống một cửa điện tử tập trung',
  nameEn: "Dossiers handled on the province's central one-stop system",
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_government',
  sources: ['onestop'],
  mode: 'event',
  cadence: 'daily',
  formula: {
    kind: 'ratio',
    numerator: { ...received, where: [eq('onCentralOneStop', true)] },
    denominator: received,
  },
  targets: [
    planTarget(PLANS.dongNaiCommuneGuidance2022, {
      level: 'commune',
      year: 2025,
      comparator: '=',
      value: 100,
      section: 'I.1.2.1.a',
    }),
  ],
  exclusions:
    'D is dossiers received in the period as reported by the one-stop feed; dossiers handled entirely ' +
    'off any system are not seen and need a reported count.',
  breakdowns: ['channel'],
});
