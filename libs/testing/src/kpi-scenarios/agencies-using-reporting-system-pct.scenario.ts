import { COMMUNE, kpiEvent, NOVEMBER_2026, type KpiScenario } from './kpi-scenario';

const submitted = (id: string, agencyCode: string, at: string, viaSystem: boolean) =>
  kpiEvent(id, 'reporting.report.submitted', at, {
    reportId: `R-${id}`,
    regimeCode: 'BC-01',
    period: '2026-10',
    viaSystem,
    agencyCode,
  });

export const AGENCIES_USING_REPORTING_SYSTEM_SCENARIO: KpiScenario = {
  kpiId: 'agencies_using_reporting_system_pct',
  description:
    'Four agencies on the list. AG1 submits twice and AG2 once through the system; AG3 only outside it; ' +
    'AG4 only in October.',
  events: [
    submitted('e1', 'AG1', '2026-11-03T08:00:00+07:00', true),
    submitted('e2', 'AG1', '2026-11-20T08:00:00+07:00', true),
    submitted('e3', 'AG2', '2026-11-08T08:00:00+07:00', true),
    submitted('e4', 'AG3', '2026-11-09T08:00:00+07:00', false),
    submitted('e5', 'AG4', '2026-10-31T23:30:00+07:00', true),
  ],
  options: { ...NOVEMBER_2026, references: { reporting_agencies: { [COMMUNE]: 4 } } },
  expected: { numerator: 2, denominator: 4, value: 50 },
};
