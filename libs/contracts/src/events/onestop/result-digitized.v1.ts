import { IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** A signed electronic copy of the procedure result was stored (số hóa kết quả). */
export class ResultDigitizedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  dossierId!: string;
}

export const ResultDigitized = defineEvent({
  type: 'onestop.result.digitized',
  source: 'onestop',
  schemaVersion: 1,
  payload: ResultDigitizedV1,
  summary: 'Kết quả giải quyết TTHC được số hóa / a procedure result was digitised',
  example: {
    eventId: 'onestop-26734-HS000123-digitized',
    unitCode: '26734',
    occurredAt: '2026-11-23T16:40:00+07:00',
    producedAt: '2026-11-23T16:40:05+07:00',
    payload: { dossierId: 'HS000123' },
  },
});
