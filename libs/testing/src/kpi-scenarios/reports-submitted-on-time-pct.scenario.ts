import { kpiEvent, NOVEMBER_2026, type KpiScenario } from './kpi-scenario';

const due = (id: string, reportId: string, at: string, dueAt: string) =>
  kpiEvent(id, 'reporting.report.due', at, { reportId, regimeCode: 'BC-01', period: '2026-10', dueAt });
const submitted = (id: string, reportId: string, at: string) =>
  kpiEvent(id, 'reporting.report.submitted', at, {
    reportId,
    regimeCode: 'BC-01',
    period: '2026-10',
    viaSystem: true,
    agencyCode: 'UBND-26734',
  });

export const REPORTS_SUBMITTED_ON_TIME_SCENARIO: KpiScenario = {
  kpiId: 'reports_submitted_on_time_pct',
  description:
    'Due in November: P1 submitted early, P4 exactly at the deadline (on time); P2 late, P3 never. ' +
    'P5 is due in December and P6 was due in October, so neither counts in November.',
  events: [
    due('d1', 'P1', '2026-11-01T08:00:00+07:00', '2026-11-05T17:00:00+07:00'),
    submitted('s1', 'P1', '2026-11-04T08:00:00+07:00'),
    due('d2', 'P2', '2026-11-01T08:00:00+07:00', '2026-11-10T17:00:00+07:00'),
    submitted('s2', 'P2', '2026-11-12T08:00:00+07:00'),
    due('d3', 'P3', '2026-11-01T08:00:00+07:00', '2026-11-15T17:00:00+07:00'),
    due('d4', 'P4', '2026-11-01T08:00:00+07:00', '2026-11-20T17:00:00+07:00'),
    submitted('s4', 'P4', '2026-11-20T17:00:00+07:00'),
    due('d5', 'P5', '2026-11-01T08:00:00+07:00', '2026-12-05T17:00:00+07:00'),
    submitted('s5', 'P5', '2026-11-28T08:00:00+07:00'),
    due('d6', 'P6', '2026-10-01T08:00:00+07:00', '2026-10-31T17:00:00+07:00'),
    submitted('s6', 'P6', '2026-11-02T08:00:00+07:00'),
  ],
  options: NOVEMBER_2026,
  expected: { numerator: 2, denominator: 4, value: 50 },
};
