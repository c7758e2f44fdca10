import { kpiEvent, NEIGHBOUR, YEAR_2025, type KpiScenario } from './kpi-scenario';

interface Figure {
  period: string;
  value: number;
  numerator?: number;
  denominator?: number;
  revision: number;
}

const reported = (id: string, indicatorId: string, at: string, figure: Figure, unit?: string) =>
  kpiEvent(
    id,
    'reporting.indicator.reported',
    at,
    { indicatorId, dataSource: 'Viễn thông tỉnh', ...figure },
    unit,
  );

export const HOUSEHOLDS_FIBRE_COVERAGE_SCENARIO: KpiScenario = {
  kpiId: 'households_fibre_coverage_pct',
  description:
    '2025 reported as 700/1000, then corrected (revision 2) to 820/1000. 2024 and the neighbour do not count.',
  events: [
    reported('f1', 'households_fibre_coverage_pct', '2026-01-10T08:00:00+07:00', {
      period: '2025',
      value: 70,
      numerator: 700,
      denominator: 1000,
      revision: 1,
    }),
    reported('f2', 'households_fibre_coverage_pct', '2026-02-01T08:00:00+07:00', {
      period: '2025',
      value: 82,
      numerator: 820,
      denominator: 1000,
      revision: 2,
    }),
    reported('f0', 'households_fibre_coverage_pct', '2025-01-10T08:00:00+07:00', {
      period: '2024',
      value: 65,
      numerator: 650,
      denominator: 1000,
      revision: 1,
    }),
    reported(
      'fn',
      'households_fibre_coverage_pct',
      '2026-01-10T08:00:00+07:00',
      { period: '2025', value: 90, numerator: 900, denominator: 1000, revision: 1 },
      NEIGHBOUR,
    ),
  ],
  options: YEAR_2025,
  expected: { numerator: 820, denominator: 1000, value: 82 },
};

export const POPULATION_PAYMENT_ACCOUNT_SCENARIO: KpiScenario = {
  kpiId: 'population_payment_account_pct',
  description: 'The bank reports 58.5% for 2025 without numerator and denominator: shown as is, not addable.',
  events: [
    reported('p1', 'population_payment_account_pct', '2026-01-15T08:00:00+07:00', {
      period: '2025',
      value: 58.5,
      revision: 1,
    }),
  ],
  options: YEAR_2025,
  expected: { numerator: null, denominator: null, value: 58.5 },
};

export const HOUSEHOLDS_VPOSTCODE_SCENARIO: KpiScenario = {
  kpiId: 'households_vpostcode_pct',
  description:
    'Revision 2 (900/1200) arrives before a stray revision 1 (600/1200): the higher revision wins.',
  events: [
    reported('v2', 'households_vpostcode_pct', '2026-01-05T08:00:00+07:00', {
      period: '2025',
      value: 75,
      numerator: 900,
      denominator: 1200,
      revision: 2,
    }),
    reported('v1', 'households_vpostcode_pct', '2026-01-20T08:00:00+07:00', {
      period: '2025',
      value: 50,
      numerator: 600,
      denominator: 1200,
      revision: 1,
    }),
  ],
  options: YEAR_2025,
  expected: { numerator: 900, denominator: 1200, value: 75 },
};

export const OCOP_PRODUCTS_ONLINE_SCENARIO: KpiScenario = {
  kpiId: 'ocop_products_online_pct',
  description:
    'Quarterly figures: Q3 10/12, Q4 12/12 (the latest quarter of 2025 stands); 2026-Q1 is outside.',
  events: [
    reported('o3', 'ocop_products_online_pct', '2025-10-05T08:00:00+07:00', {
      period: '2025-Q3',
      value: 83.33,
      numerator: 10,
      denominator: 12,
      revision: 1,
    }),
    reported('o4', 'ocop_products_online_pct', '2026-01-05T08:00:00+07:00', {
      period: '2025-Q4',
      value: 100,
      numerator: 12,
      denominator: 12,
      revision: 1,
    }),
    reported('o5', 'ocop_products_online_pct', '2026-02-20T08:00:00+07:00', {
      period: '2026-Q1',
      value: 75,
      numerator: 9,
      denominator: 12,
      revision: 1,
    }),
  ],
  options: YEAR_2025,
  expected: { numerator: 12, denominator: 12, value: 100 },
};

export const RESIDENTS_TELEHEALTH_ACCESS_SCENARIO: KpiScenario = {
  kpiId: 'residents_telehealth_access_pct',
  description: '1500 of 6000 residents for 2025, delivered twice.',
  events: [
    reported('t1', 'residents_telehealth_access_pct', '2026-01-15T08:00:00+07:00', {
      period: '2025',
      value: 25,
      numerator: 1500,
      denominator: 6000,
      revision: 1,
    }),
    reported('t1', 'residents_telehealth_access_pct', '2026-01-15T08:00:00+07:00', {
      period: '2025',
      value: 25,
      numerator: 1500,
      denominator: 6000,
      revision: 1,
    }),
  ],
  options: YEAR_2025,
  expected: { numerator: 1500, denominator: 6000, value: 25 },
};
