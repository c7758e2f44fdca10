import { kpiEvent, NOVEMBER_2026, type KpiScenario } from './kpi-scenario';

const registered = (id: string, documentId: string, extra: object = {}) =>
  kpiEvent(id, 'qlvb.document.registered', '2026-11-09T08:00:00+07:00', {
    documentId,
    direction: 'outgoing',
    channel: 'interlinked',
    secret: false,
    ...extra,
  });
const signed = (id: string, documentId: string, extra: object = {}) =>
  kpiEvent(id, 'qlvb.document.signed', '2026-11-09T09:00:00+07:00', {
    documentId,
    stage: 'issue',
    valid: true,
    certificateType: 'specialized',
    method: 'token',
    ...extra,
  });

export const DOCS_DIGITALLY_SIGNED_SCENARIO: KpiScenario = {
  kpiId: 'docs_digitally_signed_pct',
  description:
    'Outgoing O1..O6: O1 valid specialised; O2 public CA; O3 invalid; O4 invalid then valid; O5 secret ' +
    '(left out); O6 receipt-stage only. Incoming I1 is not issued. O1 registered twice.',
  events: [
    registered('r1', 'O1'),
    registered('r1', 'O1'),
    signed('s1', 'O1'),
    registered('r2', 'O2'),
    signed('s2', 'O2', { certificateType: 'public_ca' }),
    registered('r3', 'O3'),
    signed('s3', 'O3', { valid: false }),
    registered('r4', 'O4'),
    signed('s4a', 'O4', { valid: false }),
    signed('s4b', 'O4'),
    registered('r5', 'O5', { secret: true }),
    signed('s5', 'O5'),
    registered('r6', 'O6'),
    signed('s6', 'O6', { stage: 'receipt' }),
    registered('ri', 'I1', { direction: 'incoming' }),
    signed('si', 'I1', { stage: 'receipt' }),
  ],
  options: NOVEMBER_2026,
  expected: { numerator: 2, denominator: 5, value: 40 },
};
