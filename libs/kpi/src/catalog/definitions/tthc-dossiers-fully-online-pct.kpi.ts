import { defineKpi } from '../kpi-definition';
import { eq, notEq } from '../kpi-formula';
import { planTarget } from '../kpi-target';
import { PLANS } from '../plans';

export const TTHC_DOSSIERS_FULLY_ONLINE_PCT = defineKpi({
  id: 'tthc_dossiers_fully_online_pct',
  nameVi: 'Hồ sơ TTHC xử lý hoàn toàn trực tuyến',
  nameEn: 'Procedure dossiers processed fully online',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_government',
  sources: ['onestop'],
  mode: 'event',
  cadence: 'daily',
  formula: {
    kind: 'ratio',
    numerator: {
      type: 'onestop.dossier.resolved',
      where: [notEq('outcome', 'withdrawn'), eq('processedFullyOnline', true)],
      distinctBy: 'dossierId',
      alsoIn: [
        { type: 'onestop.dossier.received', where: [eq('channel', 'online')] },
        { type: 'onestop.result.returned', where: [eq('mode', 'electronic')] },
      ],
    },
    denominator: {
      type: 'onestop.dossier.resolved',
      where: [notEq('outcome', 'withdrawn')],
      distinctBy: 'dossierId',
    },
  },
  targets: [
    planTarget(PLANS.thapMuoiDistrict2022, {
      level: 'commune',
      year: 2025,
      comparator: '≥',
      value: 80,
      section: 'II.1.a',
    }),
  ],
  exclusions:
    'D is dossiers resolved in the period through any channel, withdrawn ones left out: whether a ' +
    'dossier went fully online is known only once it is resolved, so pending dossiers would pull the ' +
    'current period down. N is those received online, processed fully in the system and whose result ' +
    'was returned electronically.',
  breakdowns: ['procedureCode'],
});
