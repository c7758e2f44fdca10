import { kpiEvent, NOVEMBER_2026, type KpiScenario } from './kpi-scenario';

const rated = (id: string, dossierId: string, at: string, satisfied: boolean) =>
  kpiEvent(id, 'onestop.dossier.rated', at, { dossierId, satisfied, score: satisfied ? 5 : 2 });

export const TTHC_SATISFACTION_SCENARIO: KpiScenario = {
  kpiId: 'tthc_satisfaction_pct',
  description: 'S1, S2 (delivered twice), S4, S5 satisfied; S3 not; S6 rated in October.',
  events: [
    rated('e1', 'S1', '2026-11-02T08:00:00+07:00', true),
    rated('e2', 'S2', '2026-11-03T08:00:00+07:00', true),
    rated('e2', 'S2', '2026-11-03T08:00:00+07:00', true),
    rated('e3', 'S3', '2026-11-04T08:00:00+07:00', false),
    rated('e4', 'S4', '2026-11-05T08:00:00+07:00', true),
    rated('e5', 'S5', '2026-11-06T08:00:00+07:00', true),
    rated('e6', 'S6', '2026-10-31T23:30:00+07:00', true),
  ],
  options: NOVEMBER_2026,
  expected: { numerator: 4, denominator: 5, value: 80 },
};
