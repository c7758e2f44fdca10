import { kpiEvent, NEIGHBOUR, NOVEMBER_2026, type KpiScenario } from './kpi-scenario';

const registered = (id: string, documentId: string, at: string, extra: object = {}, unit?: string) =>
  kpiEvent(
    id,
    'qlvb.document.registered',
    at,
    { documentId, direction: 'incoming', channel: 'interlinked', secret: false, ...extra },
    unit,
  );
const exchanged = (id: string, documentId: string, at: string, via: string, unit?: string) =>
  kpiEvent(id, 'qlvb.document.exchanged', at, { documentId, direction: 'received', via }, unit);

export const DOCS_EXCHANGED_ONLINE_SCENARIO: KpiScenario = {
  kpiId: 'docs_exchanged_online_pct',
  description:
    'D1 interlink and D2 LGSP count; D3 paper and D4 e-mail only in D; D5 secret left out; D6 registered ' +
    'at 23:30 on 30 Nov counts; D7 (October) and D8 (neighbour) outside; D1 registered twice counts once.',
  events: [
    registered('r1', 'D1', '2026-11-03T08:00:00+07:00'),
    registered('r1', 'D1', '2026-11-03T08:00:00+07:00'),
    exchanged('x1', 'D1', '2026-11-03T08:05:00+07:00', 'interlink'),
    registered('r2', 'D2', '2026-11-10T09:00:00+07:00', { direction: 'outgoing' }),
    exchanged('x2', 'D2', '2026-11-10T10:00:00+07:00', 'lgsp'),
    registered('r3', 'D3', '2026-11-12T09:00:00+07:00', { direction: 'outgoing', channel: 'paper' }),
    exchanged('x3', 'D3', '2026-11-12T15:00:00+07:00', 'paper'),
    registered('r4', 'D4', '2026-11-15T09:00:00+07:00', { channel: 'email' }),
    exchanged('x4', 'D4', '2026-11-15T09:00:00+07:00', 'email'),
    registered('r5', 'D5', '2026-11-16T09:00:00+07:00', { secret: true }),
    exchanged('x5', 'D5', '2026-11-16T09:30:00+07:00', 'interlink'),
    registered('r6', 'D6', '2026-11-30T23:30:00+07:00', { direction: 'outgoing' }),
    exchanged('x6', 'D6', '2026-11-30T23:45:00+07:00', 'interlink'),
    registered('r7', 'D7', '2026-10-31T23:30:00+07:00'),
    exchanged('x7', 'D7', '2026-10-31T23:40:00+07:00', 'interlink'),
    registered('r8', 'D8', '2026-11-05T09:00:00+07:00', {}, NEIGHBOUR),
    exchanged('x8', 'D8', '2026-11-05T09:10:00+07:00', 'interlink', NEIGHBOUR),
  ],
  options: NOVEMBER_2026,
  expected: { numerator: 3, denominator: 5, value: 60 },
};
