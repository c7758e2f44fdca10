import { isLocalDate, localDateOf, localDayRange, type TimeRange } from './local-calendar';

/**
 * Weeks, months, quarters, half-years and years of the local calendar, built only from
 * `localDayRange`, so local time stays defined in one place. Calendar arithmetic runs on dates
 * (YYYY-MM-DD), never on instants.
 */
export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'year';

export type PeriodSpec =
  | { kind: PeriodKind; date: string }
  /** Whole local days from `from` to `to`, both included. */
  | { kind: 'custom'; from: string; to: string };

const DAY_MS = 86_400_000;
const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const HALF_YEAR = /^(\d{4})-H([12])$/;
const YEAR = /^(\d{4})$/;
const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/** The ISO week (Monday to Sunday) containing a local date, or the week named `YYYY-Www`. */
export function localWeekRange(dateOrWeek: string): TimeRange {
  const week = ISO_WEEK.exec(dateOrWeek);
  if (week) {
    const year = Number(week[1]);
    const n = Number(week[2]);
    if (n < 1 || n > isoWeeksIn(year)) throw new RangeError(`no such ISO week: ${dateOrWeek}`);
    return spanOfDates(addDays(mondayOf(`${week[1]}-01-04`), 7 * (n - 1)), 7);
  }
  return spanOfDates(mondayOf(requireDate(dateOrWeek, 'a date (YYYY-MM-DD) or ISO week (YYYY-Www)')), 7);
}

/** The local month `YYYY-MM`, or the month containing a local date. */
export function localMonthRange(monthOrDate: string): TimeRange {
  const m = MONTH.exec(monthOrDate);
  const [year, month] = m
    ? [Number(m[1]), Number(m[2])]
    : yearMonthOf(requireDate(monthOrDate, 'a month (YYYY-MM) or date (YYYY-MM-DD)'));
  if (month < 1 || month > 12) throw new RangeError(`no such month: ${monthOrDate}`);
  return monthsFrom(year, month, 1);
}

/** The local quarter `YYYY-Qn`, or the quarter containing a local date. */
export function localQuarterRange(quarterOrDate: string): TimeRange {
  const q = QUARTER.exec(quarterOrDate);
  if (q) return monthsFrom(Number(q[1]), 3 * Number(q[2]) - 2, 3);
  const [year, month] = yearMonthOf(requireDate(quarterOrDate, 'a quarter (YYYY-Qn) or date (YYYY-MM-DD)'));
  return monthsFrom(year, month - ((month - 1) % 3), 3);
}

/** The local half-year `YYYY-H1` / `YYYY-H2` (six-monthly reports), or the one containing a date. */
export function localHalfYearRange(halfOrDate: string): TimeRange {
  const h = HALF_YEAR.exec(halfOrDate);
  if (h) return monthsFrom(Number(h[1]), h[2] === '1' ? 1 : 7, 6);
  const [year, month] = yearMonthOf(requireDate(halfOrDate, 'a half-year (YYYY-Hn) or date (YYYY-MM-DD)'));
  return monthsFrom(year, month <= 6 ? 1 : 7, 6);
}

/** The local year `YYYY`, or the year containing a local date. */
export function localYearRange(yearOrDate: string): TimeRange {
  const y = YEAR.exec(yearOrDate);
  const year = y
    ? Number(y[1])
    : yearMonthOf(requireDate(yearOrDate, 'a year (YYYY) or date (YYYY-MM-DD)'))[0];
  return monthsFrom(year, 1, 12);
}

/** The period of a kind containing a local date, or a custom span of whole local days. */
export function periodRange(spec: PeriodSpec): TimeRange {
  switch (spec.kind) {
    case 'day':
      return localDayRange(spec.date);
    case 'week':
      return localWeekRange(requireDate(spec.date, 'a date (YYYY-MM-DD)'));
    case 'month':
      return localMonthRange(requireDate(spec.date, 'a date (YYYY-MM-DD)'));
    case 'quarter':
      return localQuarterRange(requireDate(spec.date, 'a date (YYYY-MM-DD)'));
    case 'year':
      return localYearRange(requireDate(spec.date, 'a date (YYYY-MM-DD)'));
    case 'custom': {
      const from = localDayRange(spec.from);
      const to = localDayRange(spec.to);
      if (to.start < from.start)
        throw new RangeError(`custom period ends before it starts: ${spec.from}..${spec.to}`);
      return { start: from.start, end: to.end };
    }
  }
}

/**
 * The span a period label names, as reporting systems write them: `YYYY`, `YYYY-Hn`, `YYYY-Qn`,
 * `YYYY-MM`, `YYYY-Www` or `YYYY-MM-DD`.
 */
export function periodOfLabel(label: string): TimeRange {
  if (YEAR.test(label)) return localYearRange(label);
  if (HALF_YEAR.test(label)) return localHalfYearRange(label);
  if (QUARTER.test(label)) return localQuarterRange(label);
  if (MONTH.test(label)) return localMonthRange(label);
  if (ISO_WEEK.test(label)) return localWeekRange(label);
  if (isLocalDate(label)) return localDayRange(label);
  throw new RangeError(
    `not a period label (YYYY, YYYY-Hn, YYYY-Qn, YYYY-MM, YYYY-Www, YYYY-MM-DD): ${label}`,
  );
}

/** The local dates whose days make up a range, in order (a range not on day boundaries is refused). */
export function localDatesIn(range: TimeRange): string[] {
  const first = localDayRange(dateOfDayStart(range.start));
  const dates: string[] = [];
  for (let start = first.start.getTime(); start < range.end.getTime(); start += DAY_MS) {
    dates.push(dateOfDayStart(new Date(start)));
  }
  if (first.start.getTime() + dates.length * DAY_MS !== range.end.getTime()) {
    throw new RangeError(`range does not end on a local day boundary: ${range.end.toISOString()}`);
  }
  return dates;
}

function dateOfDayStart(instant: Date): string {
  const date = localDateOf(instant);
  if (localDayRange(date).start.getTime() !== instant.getTime()) {
    throw new RangeError(`not the start of a local day: ${instant.toISOString()}`);
  }
  return date;
}

function requireDate(value: string, expected: string): string {
  if (!isLocalDate(value)) throw new RangeError(`expected ${expected}, got ${value}`);
  return value;
}

function yearMonthOf(date: string): [number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
}

function dateOf(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Monday of the week containing a date (getUTCDay: Sunday 0 … Saturday 6). */
function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** A year has 53 ISO weeks when 1 January is a Thursday, or a Wednesday in a leap year. */
function isoWeeksIn(year: number): number {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

function spanOfDates(firstDate: string, days: number): TimeRange {
  return { start: localDayRange(firstDate).start, end: localDayRange(addDays(firstDate, days)).start };
}

function monthsFrom(year: number, month: number, months: number): TimeRange {
  if (year < 1000 || year > 9999) throw new RangeError(`year out of range: ${year}`);
  return {
    start: localDayRange(dateOf(year, month, 1)).start,
    end: localDayRange(dateOf(year, month + months, 1)).start,
  };
}
