import { defineKpi } from '../kpi-definition';
import { eq, oneOf } from '../kpi-formula';
import { planTarget } from '../kpi-target';
import { PLANS } from '../plans';

const registeredNonSecret = {
  type: 'qlvb.document.registered',
  where: [eq('secret', false)],
  distinctBy: 'documentId',
} as const;

export const DOCS_EXCHANGED_ONLINE_PCT = defineKpi({
  id: 'docs_exchanged_online_pct',
  nameVi: 'Văn bản đi, đến gửi nhận qua môi trường mạng',
  nameEn: 'Incoming and outgoing documents exchanged over the network',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_government',
  sources: ['qlvb'],
  mode: 'event',
  cadence: 'daily',
  formula: {
    kind: 'ratio',
    numerator: {
      ...registeredNonSecret,
      alsoIn: [{ type: 'qlvb.document.exchanged', where: [oneOf('via', ['interlink', 'lgsp'])] }],
    },
    denominator: registeredNonSecret,
  },
  targets: [
    planTarget(PLANS.benTrePilot2021, {
      level: 'commune',
      year: 2021,
      comparator: '=',
      value: 100,
      section: '2.1',
    }),
    planTarget(PLANS.thapMuoiDistrict2022, {
      level: 'commune',
      year: 2025,
      comparator: '=',
      value: 100,
      section: 'II.1.a',
    }),
    planTarget(PLANS.dongNaiCommuneGuidance2022, {
      level: 'commune',
      year: 2025,
      comparator: '=',
      value: 100,
      section: 'I.1.2.1.a',
      note: 'this plan states no exclusion for secret documents; the KPI excludes them as the other plans do',
    }),
  ],
  exclusions:
    'Secret documents (văn bản mật) are left out of both N and D. D is every incoming and outgoing ' +
    'document registered in the period, paper ones included; N is those sent or received over the ' +
    'document interlink axis or the LGSP at any time. E-mail and paper exchanges do not count as ' +
    'interlinked exchange.',
  breakdowns: ['direction', 'channel'],
});
