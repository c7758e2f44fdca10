import { NOVEMBER_2026, type KpiScenario } from './kpi-scenario';
import { resolved } from './onestop-events';

export const DOSSIERS_PER_CONFIGURED_WORKFLOW_SCENARIO: KpiScenario = {
  kpiId: 'dossiers_per_configured_workflow_pct',
  description:
    'C1 (resolution sent twice under two event ids), C2 (rejected) and C4 (withdrawn) conformant, C3 not; ' +
    'C5 resolved in October.',
  events: [
    resolved('c1a', 'C1', '2026-11-02T08:00:00+07:00'),
    resolved('c1b', 'C1', '2026-11-02T08:01:00+07:00'),
    resolved('c2', 'C2', '2026-11-03T08:00:00+07:00', { outcome: 'rejected' }),
    resolved('c3', 'C3', '2026-11-04T08:00:00+07:00', { workflowConformant: false }),
    resolved('c4', 'C4', '2026-11-05T08:00:00+07:00', { outcome: 'withdrawn' }),
    resolved('c5', 'C5', '2026-10-30T08:00:00+07:00', { workflowConformant: false }),
  ],
  options: NOVEMBER_2026,
  expected: { numerator: 3, denominator: 4, value: 75 },
};
