import { defineKpi } from '../kpi-definition';
import { eq } from '../kpi-formula';
import { planTarget } from '../kpi-target';
import { PLANS } from '../plans';

const outgoingNonSecret = {
  type: 'qlvb.document.registered',
  where: [eq('direction', 'outgoing'), eq('secret', false)],
  distinctBy: 'documentId',
} as const;

export const DOCS_DIGITALLY_SIGNED_PCT = defineKpi({
  id: 'docs_digitally_signed_pct',
  nameVi: 'Văn bản được ký số',
  nameEn: 'Documents digitally signed',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_government',
  sources: ['qlvb'],
  mode: 'event',
  cadence: 'daily',
  formula: {
    kind: 'ratio',
    numerator: {
      ...outgoingNonSecret,
      alsoIn: [
        {
          type: 'qlvb.document.signed',
          where: [eq('stage', 'issue'), eq('valid', true), eq('certificateType', 'specialized')],
        },
      ],
    },
    denominator: outgoingNonSecret,
  },
  targets: [
    planTarget(PLANS.benTrePilot2021, {
      level: 'commune',
      year: 2021,
      comparator: '=',
      value: 100,
      section: '2.1',
    }),
    planTarget(PLANS.dongNaiCommuneGuidance2022, {
      level: 'commune',
      year: 2025,
      comparator: '=',
      value: 100,
      section: 'I.1.2.1.a',
    }),
  ],
  exclusions:
    'Secret documents are left out. D is every outgoing document registered in the period, paper ones ' +
    'included (the plans ask for all documents to be signed). N is those with at least one valid ' +
    'signature at issue made with a specialised (Government Cipher Committee) certificate; invalid ' +
    'signatures, public-CA certificates and receipt-stage signatures do not count.',
  breakdowns: ['channel'],
});
