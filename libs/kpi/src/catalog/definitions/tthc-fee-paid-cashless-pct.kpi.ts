import { defineKpi } from '../kpi-definition';
import { oneOf } from '../kpi-formula';

const paid = { type: 'onestop.fee.paid', distinctBy: 'dossierId' } as const;

export const TTHC_FEE_PAID_CASHLESS_PCT = defineKpi({
  id: 'tthc_fee_paid_cashless_pct',
  nameVi: 'Phí, lệ phí TTHC thanh toán không dùng tiền mặt',
  nameEn: 'Procedure fees paid without cash',
  unit: '%',
  direction: 'higher_is_better',
  screenPillar: 'digital_government',
  sources: ['onestop'],
  mode: 'event',
  cadence: 'daily',
  formula: {
    kind: 'ratio',
    numerator: { ...paid, where: [oneOf('method', ['online', 'kiosk', 'card', 'qr'])] },
    denominator: paid,
  },
  targets: [],
  exclusions:
    'Only dossiers with a fee paid in the period count. A dossier counts as cashless when any of its ' +
    'payments in the period was not cash. The plans promote cashless payment without a figure ' +
    '(seed 004, line 242).',
  breakdowns: ['method'],
});
