import { IsIn, IsInt, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** Everything except `cash` counts as cashless (không dùng tiền mặt). */
export const FEE_PAYMENT_METHODS = ['online', 'kiosk', 'card', 'qr', 'cash'] as const;
export type FeePaymentMethod = (typeof FEE_PAYMENT_METHODS)[number];

/** A fee or charge (phí, lệ phí) for a dossier was paid. */
export class FeePaidV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  dossierId!: string;

  /** Whole đồng: VND has no minor unit. */
  @IsInt()
  @Min(0)
  amountVnd!: number;

  @IsIn(FEE_PAYMENT_METHODS)
  method!: FeePaymentMethod;
}

export const FeePaid = defineEvent({
  type: 'onestop.fee.paid',
  source: 'onestop',
  schemaVersion: 1,
  payload: FeePaidV1,
  summary: 'Phí, lệ phí TTHC được thanh toán / a procedure fee was paid',
  example: {
    eventId: 'onestop-26734-HS000124-fee',
    unitCode: '26734',
    occurredAt: '2026-11-23T09:12:00+07:00',
    producedAt: '2026-11-23T09:12:03+07:00',
    payload: { dossierId: 'HS000124', amountVnd: 50000, method: 'qr' },
  },
});
