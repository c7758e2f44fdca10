import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

export const RESULT_RETURN_MODES = ['electronic', 'counter', 'postal'] as const;
export type ResultReturnMode = (typeof RESULT_RETURN_MODES)[number];

/** The result of a procedure (kết quả giải quyết TTHC) reached the applicant. */
export class ResultReturnedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  dossierId!: string;

  @IsIn(RESULT_RETURN_MODES)
  mode!: ResultReturnMode;
}

export const ResultReturned = defineEvent({
  type: 'onestop.result.returned',
  source: 'onestop',
  schemaVersion: 1,
  payload: ResultReturnedV1,
  summary: 'Kết quả giải quyết TTHC được trả / a procedure result was returned',
  example: {
    eventId: 'onestop-26734-HS000123-returned',
    unitCode: '26734',
    occurredAt: '2026-11-23T16:45:00+07:00',
    producedAt: '2026-11-23T16:45:01+07:00',
    payload: { dossierId: 'HS000123', mode: 'electronic' },
  },
});
