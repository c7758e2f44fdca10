import { localDateOf, periodRange } from '@libs/admin-units';
import type { KpiCadence, KpiDefinition } from '@libs/kpi';

export type TilePeriod = 'day' | 'week' | 'month' | 'quarter' | 'year';

const PERIOD_OF: Record<KpiCadence, TilePeriod> = {
  realtime: 'day',
  daily: 'day',
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
  half_yearly: 'year',
  yearly: 'year',
};

/** The current period a tile shows: today for live figures, the running month or year for reported ones. */
export function tilePeriodOf(definition: KpiDefinition): TilePeriod {
  return PERIOD_OF[definition.cadence];
}

/** How many earlier periods a tile's sparkline shows (none for quarters and years). */
export const TREND_POINTS: Record<TilePeriod, number> = { day: 14, week: 8, month: 6, quarter: 0, year: 0 };

const DAY_MS = 86_400_000;

/** The local dates from and to (both included) of the `points` periods before the current one. */
export function trendSpan(
  period: TilePeriod,
  points: number,
  now: Date,
): { from: string; to: string } | undefined {
  const today = localDateOf(now);
  const start = periodRange({ kind: period, date: today }).start;
  if (points === 0) return undefined;
  const to = localDateOf(new Date(start.getTime() - 1));
  if (period === 'day') return { from: localDateOf(new Date(start.getTime() - points * DAY_MS)), to };
  if (period === 'week') return { from: localDateOf(new Date(start.getTime() - points * 7 * DAY_MS)), to };
  const [year, month] = today.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 - points, 1));
  return { from: first.toISOString().slice(0, 10), to };
}
