import { NOVEMBER_2026, type KpiScenario } from './kpi-scenario';
import { resolved } from './onestop-events';

export const DOSSIERS_ON_TIME_SCENARIO: KpiScenario = {
  kpiId: 'dossiers_on_time_pct',
  description:
    'T1 early, T2 exactly at the deadline, T5 (rejected) early: on time. T3 late; T6 resolved at 09:00 ' +
    'local against a deadline written in UTC (08:30 local): late. T4 withdrawn (left out).',
  events: [
    resolved('t1', 'T1', '2026-11-10T10:00:00+07:00', { dueAt: '2026-11-12T17:00:00+07:00' }),
    resolved('t2', 'T2', '2026-11-10T17:00:00+07:00', { dueAt: '2026-11-10T17:00:00+07:00' }),
    resolved('t3', 'T3', '2026-11-14T10:00:00+07:00', { dueAt: '2026-11-12T17:00:00+07:00' }),
    resolved('t4', 'T4', '2026-11-15T10:00:00+07:00', {
      dueAt: '2026-11-20T17:00:00+07:00',
      outcome: 'withdrawn',
    }),
    resolved('t5', 'T5', '2026-11-20T10:00:00+07:00', {
      dueAt: '2026-11-22T17:00:00+07:00',
      outcome: 'rejected',
    }),
    resolved('t6', 'T6', '2026-11-21T09:00:00+07:00', { dueAt: '2026-11-21T01:30:00Z' }),
  ],
  options: NOVEMBER_2026,
  expected: { numerator: 3, denominator: 5, value: 60 },
};
