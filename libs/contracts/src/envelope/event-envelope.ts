import { IsIn, IsInt, IsISO8601, IsObject, IsString, Matches, MaxLength, Min } from 'class-validator';
import { SOURCE_IDS, type SourceId } from '../sources';
import { UNIT_CODE_PATTERN } from '../unit-code';

/** Source-assigned, stable across retries: the key that makes every write idempotent. */
export const EVENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The versioned wrapper every event travels in, whatever its source or type. */
export class EventEnvelope<P extends object = Record<string, unknown>> {
  @IsString()
  @Matches(EVENT_ID_PATTERN, { message: 'eventId must be 1-128 characters of letters, digits, . _ : -' })
  eventId!: string;

  @IsIn(SOURCE_IDS)
  source!: SourceId;

  @IsString()
  @MaxLength(100)
  type!: string;

  @IsString()
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be an official unit code of 2, 3 or 5 digits' })
  unitCode!: string;

  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'occurredAt must be an ISO 8601 date-time' })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'occurredAt must carry a time zone (Z or ±hh:mm)' })
  occurredAt!: string;

  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'producedAt must be an ISO 8601 date-time' })
  producedAt!: string;

  @IsInt()
  @Min(1)
  schemaVersion!: number;

  @IsObject()
  payload!: P;
}
