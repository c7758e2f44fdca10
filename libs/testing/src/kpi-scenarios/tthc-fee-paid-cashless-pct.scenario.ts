import { kpiEvent, NOVEMBER_2026, type KpiScenario } from './kpi-scenario';

const paid = (id: string, dossierId: string, at: string, method: string) =>
  kpiEvent(id, 'onestop.fee.paid', at, { dossierId, amountVnd: 50_000, method });

export const TTHC_FEE_PAID_CASHLESS_SCENARIO: KpiScenario = {
  kpiId: 'tthc_fee_paid_cashless_pct',
  description: 'F1 online, F3 QR (delivered twice), F4 kiosk, F5 card; F2 and F6 cash; F7 paid in October.',
  events: [
    paid('e1', 'F1', '2026-11-02T08:00:00+07:00', 'online'),
    paid('e2', 'F2', '2026-11-03T08:00:00+07:00', 'cash'),
    paid('e3', 'F3', '2026-11-04T08:00:00+07:00', 'qr'),
    paid('e3', 'F3', '2026-11-04T08:00:00+07:00', 'qr'),
    paid('e4', 'F4', '2026-11-05T08:00:00+07:00', 'kiosk'),
    paid('e5', 'F5', '2026-11-06T08:00:00+07:00', 'card'),
    paid('e6', 'F6', '2026-11-07T08:00:00+07:00', 'cash'),
    paid('e7', 'F7', '2026-10-31T08:00:00+07:00', 'online'),
  ],
  options: NOVEMBER_2026,
  expected: { numerator: 4, denominator: 6, value: 66.66666666666667 },
};
