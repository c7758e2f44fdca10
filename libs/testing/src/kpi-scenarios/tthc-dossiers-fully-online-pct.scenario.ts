import { NOVEMBER_2026, type KpiScenario } from './kpi-scenario';
import { received, resolved, returned } from './onestop-events';

export const TTHC_DOSSIERS_FULLY_ONLINE_SCENARIO: KpiScenario = {
  kpiId: 'tthc_dossiers_fully_online_pct',
  description:
    'Resolved in November: H1, H6 (received in October) and H8 (rejected) fully online; H2 result at ' +
    'the counter; H3 received at the counter; H4 not processed fully online. H5 withdrawn (left out); ' +
    'H7 not resolved yet.',
  events: [
    received('h1r', 'H1', '2026-11-02T08:00:00+07:00'),
    resolved('h1s', 'H1', '2026-11-04T08:00:00+07:00'),
    returned('h1t', 'H1', '2026-11-04T09:00:00+07:00', 'electronic'),
    received('h2r', 'H2', '2026-11-02T08:00:00+07:00'),
    resolved('h2s', 'H2', '2026-11-04T08:00:00+07:00'),
    returned('h2t', 'H2', '2026-11-04T09:00:00+07:00', 'counter'),
    received('h3r', 'H3', '2026-11-02T08:00:00+07:00', { channel: 'counter' }),
    resolved('h3s', 'H3', '2026-11-04T08:00:00+07:00'),
    returned('h3t', 'H3', '2026-11-04T09:00:00+07:00', 'electronic'),
    received('h4r', 'H4', '2026-11-02T08:00:00+07:00'),
    resolved('h4s', 'H4', '2026-11-04T08:00:00+07:00', { processedFullyOnline: false }),
    returned('h4t', 'H4', '2026-11-04T09:00:00+07:00', 'electronic'),
    received('h5r', 'H5', '2026-11-02T08:00:00+07:00'),
    resolved('h5s', 'H5', '2026-11-03T08:00:00+07:00', { outcome: 'withdrawn' }),
    received('h6r', 'H6', '2026-10-20T08:00:00+07:00'),
    resolved('h6s', 'H6', '2026-11-05T08:00:00+07:00'),
    returned('h6t', 'H6', '2026-11-05T09:00:00+07:00', 'electronic'),
    received('h7r', 'H7', '2026-11-25T08:00:00+07:00'),
    received('h8r', 'H8', '2026-11-06T08:00:00+07:00'),
    resolved('h8s', 'H8', '2026-11-08T08:00:00+07:00', { outcome: 'rejected' }),
    returned('h8t', 'H8', '2026-11-08T09:00:00+07:00', 'electronic'),
  ],
  options: NOVEMBER_2026,
  expected: { numerator: 3, denominator: 6, value: 50 },
};
