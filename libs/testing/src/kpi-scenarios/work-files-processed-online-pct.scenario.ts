import { kpiEvent, NOVEMBER_2026, type KpiScenario } from './kpi-scenario';

const closed = (id: string, workFileId: string, at: string, online: boolean, secret = false) =>
  kpiEvent(id, 'qlvb.workfile.closed', at, { workFileId, online, secret, signed: online });

export const WORK_FILES_PROCESSED_ONLINE_SCENARIO: KpiScenario = {
  kpiId: 'work_files_processed_online_pct',
  description:
    'W1, W2, W6 closed online, W3 on paper; W4 and W5 are state-secret (left out); W6 delivered twice; ' +
    'W7 only opened; W8 closed in October.',
  events: [
    closed('c1', 'W1', '2026-11-02T10:00:00+07:00', true),
    closed('c2', 'W2', '2026-11-05T10:00:00+07:00', true),
    closed('c3', 'W3', '2026-11-06T10:00:00+07:00', false),
    closed('c4', 'W4', '2026-11-07T10:00:00+07:00', true, true),
    closed('c5', 'W5', '2026-11-08T10:00:00+07:00', false, true),
    closed('c6', 'W6', '2026-11-09T10:00:00+07:00', true),
    closed('c6', 'W6', '2026-11-09T10:00:00+07:00', true),
    kpiEvent('o7', 'qlvb.workfile.opened', '2026-11-10T10:00:00+07:00', { workFileId: 'W7', secret: false }),
    closed('c8', 'W8', '2026-10-31T23:30:00+07:00', true),
  ],
  options: NOVEMBER_2026,
  expected: { numerator: 3, denominator: 4, value: 75 },
};
