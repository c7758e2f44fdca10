const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** What a ClickHouse DateTime holds: 1970-01-01T00:00:00Z up to 2106-02-07T06:28:15Z. */
const FIRST_STORABLE_MS = 0;
const LAST_STORABLE_MS = 4_294_967_295_000;

/**
 * Whether a string is a real ISO 8601 instant with a zone that a DateTime can hold. Every field is
 * checked as written (Date.parse quietly turns 30 February into 2 March), and the instant must lie
 * in the DateTime range, so an impossible or out-of-range instant is refused, never answered.
 */
export function isInstant(value: string): boolean {
  const m = INSTANT.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const realDay =
    calendar.getUTCFullYear() === year &&
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day;
  if (!realDay || hour > 23 || minute > 59 || second > 59) return false;
  if (m[7] !== 'Z' && (Number(m[9]) > 14 || Number(m[10]) > 59)) return false;
  const at = Date.parse(value);
  return !Number.isNaN(at) && at >= FIRST_STORABLE_MS && at <= LAST_STORABLE_MS;
}
