import { NOVEMBER_2026, type KpiScenario } from './kpi-scenario';
import { received, resolved } from './onestop-events';

export const DOSSIERS_OVERDUE_OPEN_SCENARIO: KpiScenario = {
  kpiId: 'dossiers_overdue_open',
  description:
    'As of 20 Nov 12:00: X1 past due and open; X2 resolved; X3 not yet due; X4 resolved only after asOf; ' +
    'X5 due one minute before asOf; X6 received after asOf (not known yet); X7 withdrawn.',
  events: [
    received('x1', 'X1', '2026-11-10T08:00:00+07:00', { dueAt: '2026-11-18T17:00:00+07:00' }),
    received('x2', 'X2', '2026-11-10T08:00:00+07:00', { dueAt: '2026-11-18T17:00:00+07:00' }),
    resolved('x2s', 'X2', '2026-11-19T08:00:00+07:00'),
    received('x3', 'X3', '2026-11-15T08:00:00+07:00', { dueAt: '2026-11-25T17:00:00+07:00' }),
    received('x4', 'X4', '2026-11-12T08:00:00+07:00', { dueAt: '2026-11-19T17:00:00+07:00' }),
    resolved('x4s', 'X4', '2026-11-21T08:00:00+07:00'),
    received('x5', 'X5', '2026-11-14T08:00:00+07:00', { dueAt: '2026-11-20T11:59:00+07:00' }),
    received('x6', 'X6', '2026-11-21T08:00:00+07:00', { dueAt: '2026-11-10T17:00:00+07:00' }),
    received('x7', 'X7', '2026-11-01T08:00:00+07:00', { dueAt: '2026-11-05T17:00:00+07:00' }),
    resolved('x7s', 'X7', '2026-11-03T08:00:00+07:00', { outcome: 'withdrawn' }),
  ],
  options: { ...NOVEMBER_2026, asOf: new Date('2026-11-20T12:00:00+07:00') },
  expected: { numerator: 3, denominator: null, value: 3 },
};
