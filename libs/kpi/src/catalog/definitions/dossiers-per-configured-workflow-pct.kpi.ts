import { defineKpi } from '../kpi-definition';
import { eq } from '../kpi-formula';
import { planTarget } from '../kpi-target';
import { PLANS } from '../plans';

const resolved = { type: 'onestop.dossier.resolved', distinctBy: 'dossierId' } as const;

export const DOSSIERS_PER_CONFIGURED_WORKFLOW_PCT = defineKpi({
  id: 'dossiers_per_configured_workflow_pct',
  nameVi: 'Hồ sơ giải quyết đúng quy trình điện tử',
  nameEn: 'Dossiers handled per the configured e-workflow',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_government',
  sources: ['onestop'],
  mode: 'event',
  cadence: 'daily',
  formula: {
    kind: 'ratio',
    numerator: { ...resolved, where: [eq('workflowConformant', true)] },
    denominator: resolved,
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
    'D is every dossier closed in the period, whatever the outcome (withdrawn dossiers went through ' +
    'steps too); N is those the one-stop system marks as following the configured workflow.',
  breakdowns: ['procedureCode'],
});
