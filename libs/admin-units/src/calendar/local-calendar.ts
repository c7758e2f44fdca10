/**
 * The one definition of local time for every period COC Stream reports: Vietnam's civil time.
 * Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact for every
 * date COC Stream can store (occurredAt is refused before 2000).
 */
export const LOCAL_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Local time minus UTC, in milliseconds. */
export const LOCAL_UTC_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A half-open span of instants [start, end). */
export interface TimeRange {
  start: Date;
  end: Date;
}

/** The last day asked for and its date: ingest asks once per event, mostly for the same few days. */
const lastDay = { day: NaN, date: '' };

/** The local calendar date (YYYY-MM-DD) of an instant; an invalid date throws a RangeError. */
export function localDateOf(instant: Date): string {
  const day = Math.floor((instant.getTime() + LOCAL_UTC_OFFSET_MS) / DAY_MS);
  if (day !== lastDay.day) {
    lastDay.date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    lastDay.day = day;
  }
  return lastDay.date;
}

export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/** The instants that make up one local calendar day. */
export function localDayRange(localDate: string): TimeRange {
  if (!isLocalDate(localDate)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${localDate}`);
  const start = new Date(Date.parse(`${localDate}T00:00:00Z`) - LOCAL_UTC_OFFSET_MS);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}
