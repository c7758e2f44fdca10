/** Nearest-rank percentiles of a set of latencies, in the unit they were measured in. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('no samples to take a percentile of');
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
  };
}

/** A ratio rounded for the table; the reference must be positive. */
export function ratio(value: number, reference: number): number {
  if (!(reference > 0)) throw new Error(`a ratio needs a positive reference (got ${reference})`);
  return Math.round((value / reference) * 100) / 100;
}

export const round1 = (x: number): number => Math.round(x * 10) / 10;
