import { defineKpi } from '../kpi-definition';

const due = { type: 'reporting.report.due', distinctBy: 'reportId', placedBy: 'dueAt' } as const;

export const REPORTS_SUBMITTED_ON_TIME_PCT = defineKpi({
  id: 'reports_submitted_on_time_pct',
  nameVi: 'Báo cáo gửi đúng hạn',
  nameEn: 'Reports submitted on time',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_government',
  sources: ['reporting'],
  mode: 'event',
  cadence: 'monthly',
  formula: {
    kind: 'ratio',
    numerator: { ...due, alsoIn: [{ type: 'reporting.report.submitted', notAfter: 'dueAt' }] },
    denominator: due,
  },
  targets: [],
  exclusions:
    'A report counts in the period its deadline falls in, once the deadline has passed (asOf). It is ' +
    'on time when submitted at or before the deadline. The plans state deadlines (monthly: seed 000, ' +
    'line 161; before 1 December: seed 001, line 430) but no figure.',
  breakdowns: ['regimeCode'],
});
