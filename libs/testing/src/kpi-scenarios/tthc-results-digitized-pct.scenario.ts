import { kpiEvent, NOVEMBER_2026, type KpiScenario } from './kpi-scenario';
import { returned } from './onestop-events';

const digitized = (id: string, dossierId: string, at: string) =>
  kpiEvent(id, 'onestop.result.digitized', at, { dossierId });

export const TTHC_RESULTS_DIGITIZED_SCENARIO: KpiScenario = {
  kpiId: 'tthc_results_digitized_pct',
  description:
    'Returned in November: G1 and G2 digitised, G3 not, G4 digitised only after asOf. G5 returned in ' +
    'October; G6 digitised but never returned.',
  events: [
    returned('g1', 'G1', '2026-11-03T08:00:00+07:00', 'electronic'),
    digitized('g1d', 'G1', '2026-11-03T08:10:00+07:00'),
    returned('g2', 'G2', '2026-11-04T08:00:00+07:00', 'counter'),
    digitized('g2d', 'G2', '2026-11-06T08:00:00+07:00'),
    returned('g3', 'G3', '2026-11-05T08:00:00+07:00', 'postal'),
    returned('g4', 'G4', '2026-11-20T08:00:00+07:00', 'counter'),
    digitized('g4d', 'G4', '2026-12-03T08:00:00+07:00'),
    returned('g5', 'G5', '2026-10-31T23:30:00+07:00', 'counter'),
    digitized('g5d', 'G5', '2026-11-02T08:00:00+07:00'),
    digitized('g6d', 'G6', '2026-11-08T08:00:00+07:00'),
  ],
  options: NOVEMBER_2026,
  expected: { numerator: 2, denominator: 4, value: 50 },
};
