import { NEIGHBOUR, NOVEMBER_2026, type KpiScenario } from './kpi-scenario';
import { received } from './onestop-events';

export const TTHC_DOSSIERS_ON_CENTRAL_ONESTOP_SCENARIO: KpiScenario = {
  kpiId: 'tthc_dossiers_on_central_onestop_pct',
  description:
    'R1, R2, R4 (delivered twice) and R7 (23:30 on 30 Nov) on the central system, R3 on a local tool; ' +
    'R5 in October, R6 in the neighbour.',
  events: [
    received('e1', 'R1', '2026-11-02T08:00:00+07:00'),
    received('e2', 'R2', '2026-11-03T08:00:00+07:00'),
    received('e3', 'R3', '2026-11-04T08:00:00+07:00', { onCentralOneStop: false }),
    received('e4', 'R4', '2026-11-05T08:00:00+07:00'),
    received('e4', 'R4', '2026-11-05T08:00:00+07:00'),
    received('e5', 'R5', '2026-10-31T23:30:00+07:00'),
    received('e6', 'R6', '2026-11-05T08:00:00+07:00', { onCentralOneStop: false }, NEIGHBOUR),
    received('e7', 'R7', '2026-11-30T23:30:00+07:00'),
  ],
  options: NOVEMBER_2026,
  expected: { numerator: 4, denominator: 5, value: 80 },
};
