import { kpiEvent, NEIGHBOUR, NOVEMBER_2026, type KpiScenario } from './kpi-scenario';

const assigned = (
  id: string,
  documentId: string,
  assigneeId: string,
  at: string,
  dueAt: string,
  unit?: string,
) => kpiEvent(id, 'qlvb.document.assigned', at, { documentId, assigneeId, dueAt }, unit);
const processed = (id: string, documentId: string, assigneeId: string, at: string) =>
  kpiEvent(id, 'qlvb.document.processed', at, { documentId, assigneeId });

export const DOCS_OVERDUE_SCENARIO: KpiScenario = {
  kpiId: 'docs_overdue_count',
  description:
    'As of 20 Nov 12:00: DOC1/U1 late and open (delivered twice); DOC2 processed in time; DOC3 not yet ' +
    'due; DOC4 processed late (closed); DOC5 late with U2 only; DOC6 processed after asOf (still open); ' +
    'DOC7 re-assigned with a later due date; DOC8 in the neighbour.',
  events: [
    assigned('a1', 'DOC1', 'U1', '2026-11-10T08:00:00+07:00', '2026-11-15T17:00:00+07:00'),
    assigned('a1', 'DOC1', 'U1', '2026-11-10T08:00:00+07:00', '2026-11-15T17:00:00+07:00'),
    assigned('a2', 'DOC2', 'U1', '2026-11-10T08:00:00+07:00', '2026-11-15T17:00:00+07:00'),
    processed('p2', 'DOC2', 'U1', '2026-11-14T08:00:00+07:00'),
    assigned('a3', 'DOC3', 'U2', '2026-11-18T08:00:00+07:00', '2026-11-25T17:00:00+07:00'),
    assigned('a4', 'DOC4', 'U1', '2026-11-05T08:00:00+07:00', '2026-11-10T17:00:00+07:00'),
    processed('p4', 'DOC4', 'U1', '2026-11-18T08:00:00+07:00'),
    assigned('a5a', 'DOC5', 'U1', '2026-11-06T08:00:00+07:00', '2026-11-12T17:00:00+07:00'),
    assigned('a5b', 'DOC5', 'U2', '2026-11-06T08:00:00+07:00', '2026-11-12T17:00:00+07:00'),
    processed('p5', 'DOC5', 'U1', '2026-11-11T08:00:00+07:00'),
    assigned('a6', 'DOC6', 'U1', '2026-11-12T08:00:00+07:00', '2026-11-16T17:00:00+07:00'),
    processed('p6', 'DOC6', 'U1', '2026-11-21T08:00:00+07:00'),
    assigned('a7a', 'DOC7', 'U1', '2026-11-01T08:00:00+07:00', '2026-11-05T17:00:00+07:00'),
    assigned('a7b', 'DOC7', 'U1', '2026-11-06T08:00:00+07:00', '2026-11-30T17:00:00+07:00'),
    assigned('a8', 'DOC8', 'U1', '2026-11-01T08:00:00+07:00', '2026-11-02T17:00:00+07:00', NEIGHBOUR),
  ],
  options: { ...NOVEMBER_2026, asOf: new Date('2026-11-20T12:00:00+07:00') },
  expected: { numerator: 3, denominator: null, value: 3 },
};
