import { isLocalDate, localDateOf, periodRange, type TimeRange } from '@libs/admin-units';

export const PERIOD_CHOICES = ['day', 'week', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];
export const SERIES_GRANULARITIES = ['day', 'week', 'month'] as const;
export type SeriesGranularity = (typeof SERIES_GRANULARITIES)[number];

/** The default longest span a KPI query may cover: two years, so a year-on-year comparison fits. */
export const DEFAULT_MAX_PERIOD_DAYS = 731;

/** A series longer than this is refused: each point is its own evaluation. */
export const MAX_SERIES_POINTS = 400;
const DEFAULT_SERIES_POINTS: Record<SeriesGranularity, number> = { day: 30, week: 12, month: 12 };

/** A request's period as it arrived (query string values). */
export interface PeriodRequest {
  period?: PeriodChoice;
  date?: string;
  from?: string;
  to?: string;
}

/** A period resolved to local dates and instants. */
export interface ResolvedPeriod {
  kind: PeriodChoice;
  /** First and last local day covered, both included. */
  from: string;
  to: string;
  range: TimeRange;
  /** The date that picks the map of units and the target year: `date`, or `to` for custom. */
  referenceDate: string;
}

/** A request that cannot be answered as asked; the message says what to change. */
export class PeriodRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeriodRequestError';
  }
}

/**
 * The period a request names: today's local day by default, a custom span with from and to of
 * at most `maxDays` days (a century on a province is one request, but not one we answer).
 */
export function resolvePeriod(request: PeriodRequest, today: string, maxDays: number): ResolvedPeriod {
  const kind = request.period ?? 'day';
  if (kind === 'custom') {
    if (request.date !== undefined)
      throw new PeriodRequestError('date is not used with period=custom; give from and to');
    if (request.from === undefined || request.to === undefined) {
      throw new PeriodRequestError('period=custom needs from and to (YYYY-MM-DD, both included)');
    }
    const from = calendarDate('from', request.from);
    const to = calendarDate('to', request.to);
    if (to < from) throw new PeriodRequestError(`to (${to}) is before from (${from})`);
    checkSpan(from, to, maxDays);
    return resolved(kind, periodRange({ kind, from, to }), to);
  }
  if (request.from !== undefined || request.to !== undefined) {
    throw new PeriodRequestError(`from and to are only used with period=custom; period=${kind} takes date`);
  }
  const date = calendarDate('date', request.date ?? today);
  return resolved(kind, periodRange({ kind, date }), date);
}

/**
 * The consecutive periods of a series, from the one containing `from` to the one containing `to`;
 * from..to spans at most `maxDays` days.
 */
export function resolveSeries(
  granularity: SeriesGranularity,
  request: { from?: string; to?: string },
  today: string,
  maxDays: number,
): ResolvedPeriod[] {
  const to = calendarDate('to', request.to ?? today);
  const last = periodRange({ kind: granularity, date: to });
  const from =
    request.from === undefined ? firstOfDefaultSeries(granularity, last) : calendarDate('from', request.from);
  if (to < from) throw new PeriodRequestError(`to (${to}) is before from (${from})`);
  checkSpan(from, to, maxDays);
  const points: ResolvedPeriod[] = [];
  for (let date = from; ; date = localDateOf(points[points.length - 1].range.end)) {
    const range = periodRange({ kind: granularity, date });
    points.push(resolved(granularity, range, date));
    if (points.length > MAX_SERIES_POINTS) {
      throw new PeriodRequestError(
        `${from}..${to} by ${granularity} is more than ${MAX_SERIES_POINTS} points; shorten it or use a coarser granularity`,
      );
    }
    if (range.end >= last.end) return points;
  }
}

/** Days from `from` to `to`, both included (calendar dates, so no daylight-saving skew). */
function checkSpan(from: string, to: string, maxDays: number): void {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  if (days > maxDays) {
    throw new PeriodRequestError(
      `${from}..${to} is ${days} days; a KPI query covers at most ${maxDays} days (COC_KPI_MAX_PERIOD_DAYS)`,
    );
  }
}

function firstOfDefaultSeries(granularity: SeriesGranularity, last: TimeRange): string {
  let range = last;
  for (let i = 1; i < DEFAULT_SERIES_POINTS[granularity]; i++) {
    range = periodRange({ kind: granularity, date: localDateOf(new Date(range.start.getTime() - 1)) });
  }
  return localDateOf(range.start);
}

function resolved(kind: PeriodChoice, range: TimeRange, referenceDate: string): ResolvedPeriod {
  return {
    kind,
    from: localDateOf(range.start),
    to: localDateOf(new Date(range.end.getTime() - 1)),
    range,
    referenceDate,
  };
}

function calendarDate(name: string, value: string): string {
  if (!isLocalDate(value))
    throw new PeriodRequestError(`${name} must be a calendar date YYYY-MM-DD, got "${value}"`);
  return value;
}
