import { defineKpi } from '../kpi-definition';
import { eq } from '../kpi-formula';
import { planTarget } from '../kpi-target';
import { PLANS } from '../plans';

const closedNonSecret = {
  type: 'qlvb.workfile.closed',
  where: [eq('secret', false)],
  distinctBy: 'workFileId',
} as const;

export const WORK_FILES_PROCESSED_ONLINE_PCT = defineKpi({
  id: 'work_files_processed_online_pct',
  nameVi: 'Hồ sơ công việc xử lý trên môi trường mạng',
  nameEn: 'Work files processed online',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_government',
  sources: ['qlvb'],
  mode: 'event',
  cadence: 'daily',
  formula: {
    kind: 'ratio',
    numerator: { ...closedNonSecret, where: [...closedNonSecret.where, eq('online', true)] },
    denominator: closedNonSecret,
  },
  targets: [
    planTarget(PLANS.benTrePilot2021, {
      level: 'commune',
      year: 2021,
      comparator: '=',
      value: 60,
      section: '2.1',
    }),
    planTarget(PLANS.benTrePilot2021, {
      level: 'district',
      year: 2021,
      comparator: '=',
      value: 80,
      section: '1.1',
    }),
    planTarget(PLANS.thapMuoiDistrict2022, {
      level: 'commune',
      year: 2025,
      comparator: '=',
      value: 60,
      section: 'II.1.a',
    }),
    planTarget(PLANS.thapMuoiDistrict2022, {
      level: 'district',
      year: 2025,
      comparator: '>',
      value: 80,
      section: 'II.1.a',
    }),
    planTarget(PLANS.thapMuoiDistrict2022, {
      level: 'commune',
      year: 2030,
      comparator: '=',
      value: 70,
      section: 'II.2.a',
    }),
    planTarget(PLANS.tinhTraCommune2024, {
      level: 'commune',
      year: 2025,
      comparator: '>',
      value: 70,
      section: 'I.1.a',
    }),
    planTarget(PLANS.tinhTraCommune2024, {
      level: 'commune',
      year: 2030,
      comparator: '≥',
      value: 90,
      section: 'I.2.a',
    }),
    planTarget(PLANS.dongNaiCommuneGuidance2022, {
      level: 'commune',
      year: 2025,
      comparator: '=',
      value: 80,
      section: 'I.1.2.1.a',
      note: 'this plan also asks for the files to be digitally signed (see the signed breakdown)',
    }),
  ],
  exclusions:
    'Work files within the scope of state secrets are left out of both N and D. Work files (hồ sơ ' +
    'công việc) are internal case files, not procedure dossiers. D is work files closed in the ' +
    'period; N is those closed in the e-workflow. Paper work files never entered in QLVB are not seen.',
  breakdowns: ['signed'],
});
