import { kpiEvent, NOVEMBER_2026, type KpiScenario } from './kpi-scenario';

const submitted = (id: string, dossierId: string, at: string, channel: string, eidAuthenticated: boolean) =>
  kpiEvent(id, 'onestop.dossier.submitted', at, {
    dossierId,
    procedureCode: '1.001234',
    channel,
    eidAuthenticated,
  });

export const DVC_USERS_EID_AUTHENTICATED_SCENARIO: KpiScenario = {
  kpiId: 'dvc_users_eid_authenticated_pct',
  description:
    'Online: U1, U3, U6 (23:30 on 30 Nov) with e-ID, U2 without. U4 counter and U5 postal left out; ' +
    'U7 in October.',
  events: [
    submitted('e1', 'U1', '2026-11-02T08:00:00+07:00', 'online', true),
    submitted('e2', 'U2', '2026-11-03T08:00:00+07:00', 'online', false),
    submitted('e3', 'U3', '2026-11-04T08:00:00+07:00', 'online', true),
    submitted('e4', 'U4', '2026-11-05T08:00:00+07:00', 'counter', true),
    submitted('e5', 'U5', '2026-11-06T08:00:00+07:00', 'postal', false),
    submitted('e6', 'U6', '2026-11-30T23:30:00+07:00', 'online', true),
    submitted('e7', 'U7', '2026-10-31T23:30:00+07:00', 'online', true),
  ],
  options: NOVEMBER_2026,
  expected: { numerator: 3, denominator: 4, value: 75 },
};
