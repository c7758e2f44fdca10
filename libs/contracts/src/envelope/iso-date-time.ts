import { isISO8601 } from 'class-validator';

/**
 * The shape every source sends (`2026-10-01T08:30:00.000+07:00`): ISO 8601 for certain, in any
 * option set. Years before 1000 are left to class-validator, whose strict check refuses them.
 */
const COMMON_DATE_TIME =
  /^([1-9]\d{3})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * class-validator's isISO8601, answered without its general regex and Date round trip for the
 * common shape (the ingest hot path calls it per date field); any other string goes to
 * class-validator itself. `strict` then means what it means there: the day exists in its month.
 */
export function isIsoDateTime(
  value: string,
  options: { strict?: boolean; strictSeparator?: boolean },
): boolean {
  const common = COMMON_DATE_TIME.exec(value);
  if (!common) return isISO8601(value, options);
  if (!options.strict) return true;
  const year = Number(common[1]);
  const month = Number(common[2]);
  const days = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  return Number(common[3]) <= days;
}
