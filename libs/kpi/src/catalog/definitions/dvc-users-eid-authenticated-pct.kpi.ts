import { defineKpi } from '../kpi-definition';
import { eq } from '../kpi-formula';
import { planTarget } from '../kpi-target';
import { PLANS } from '../plans';

const onlineSubmissions = {
  type: 'onestop.dossier.submitted',
  where: [eq('channel', 'online')],
  distinctBy: 'dossierId',
} as const;

export const DVC_USERS_EID_AUTHENTICATED_PCT = defineKpi({
  id: 'dvc_users_eid_authenticated_pct',
  nameVi: 'Người dùng DVC được định danh, xác thực',
  nameEn: 'Online submissions authenticated with the national e-ID',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_government',
  sources: ['onestop'],
  mode: 'event',
  cadence: 'daily',
  formula: {
    kind: 'ratio',
    numerator: { ...onlineSubmissions, where: [...onlineSubmissions.where, eq('eidAuthenticated', true)] },
    denominator: onlineSubmissions,
  },
  targets: [
    planTarget(PLANS.tinhTraCommune2024, {
      level: 'commune',
      year: 2025,
      comparator: '=',
      value: 100,
      section: 'I.1.a',
    }),
  ],
  exclusions: 'Counter and postal submissions are left out: the figure is about online users.',
});
