import { COMMUNE, kpiEvent, NEIGHBOUR, NOVEMBER_2026, type KpiScenario } from './kpi-scenario';

const acted = (id: string, officialId: string, at: string, unit?: string) =>
  kpiEvent(id, 'qlvb.official.acted', at, { officialId, action: 'process' }, unit);

export const OFFICIALS_QLVB_ACTIVE_SCENARIO: KpiScenario = {
  kpiId: 'officials_qlvb_active_pct',
  description:
    'Roster of 5. OFF1 acts three times, OFF2 once, OFF4 at 23:30 on 30 Nov; OFF3 only in October; ' +
    'OFF5 in the neighbour.',
  events: [
    acted('e1', 'OFF1', '2026-11-03T08:00:00+07:00'),
    acted('e2', 'OFF1', '2026-11-04T08:00:00+07:00'),
    acted('e3', 'OFF1', '2026-11-20T08:00:00+07:00'),
    acted('e4', 'OFF2', '2026-11-07T08:00:00+07:00'),
    acted('e5', 'OFF3', '2026-10-31T23:30:00+07:00'),
    acted('e6', 'OFF4', '2026-11-30T23:30:00+07:00'),
    acted('e7', 'OFF5', '2026-11-10T08:00:00+07:00', NEIGHBOUR),
  ],
  options: { ...NOVEMBER_2026, references: { qlvb_officials: { [COMMUNE]: 5, [NEIGHBOUR]: 4 } } },
  expected: { numerator: 3, denominator: 5, value: 60 },
};
