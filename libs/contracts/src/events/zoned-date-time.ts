import { IsISO8601, Matches } from 'class-validator';

/**
 * A full date-time with seconds and an explicit zone. Vietnamese source systems often emit local
 * wall-clock times; without the zone a deadline could be read seven hours off.
 */
export const ZONED_DATE_TIME_PATTERN =
  /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** ISO 8601 with a real calendar date (2026-02-30 fails) and the shape of ZONED_DATE_TIME_PATTERN. */
export function IsZonedDateTime(): PropertyDecorator {
  const rules = [
    IsISO8601({ strict: true, strictSeparator: true }),
    Matches(ZONED_DATE_TIME_PATTERN, {
      message: '$property must be a date-time with seconds and a time zone, e.g. 2026-11-26T17:00:00+07:00',
    }),
  ];
  return (target, property) => rules.forEach((rule) => rule(target, property));
}
