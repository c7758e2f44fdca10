/** A Prometheus histogram as /metrics exposes it: cumulative counts by upper bound, sum and count. */
export interface HistogramScrape {
  /** Cumulative counts by upper bound in seconds, ascending, the last one +Inf. */
  buckets: { le: number; count: number }[];
  sum: number;
  count: number;
}

/** The histogram `name` (without labels) out of a /metrics text. */
export function parseHistogram(text: string, name: string): HistogramScrape {
  const buckets: { le: number; count: number }[] = [];
  let sum = Number.NaN;
  let count = Number.NaN;
  for (const line of text.split('\n')) {
    const bucket = new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\S+)$`).exec(line);
    if (bucket)
      buckets.push({ le: bucket[1] === '+Inf' ? Infinity : Number(bucket[1]), count: Number(bucket[2]) });
    else if (line.startsWith(`${name}_sum `)) sum = Number(line.split(' ')[1]);
    else if (line.startsWith(`${name}_count `)) count = Number(line.split(' ')[1]);
  }
  if (buckets.length === 0 || Number.isNaN(sum) || Number.isNaN(count))
    throw new Error(`no histogram ${name} in the metrics`);
  return { buckets: buckets.sort((a, b) => a.le - b.le), sum, count };
}

/** What was observed between two scrapes of the same histogram. */
export function histogramSince(before: HistogramScrape, after: HistogramScrape): HistogramScrape {
  return {
    buckets: after.buckets.map((b, i) => ({ le: b.le, count: b.count - (before.buckets[i]?.count ?? 0) })),
    sum: after.sum - before.sum,
    count: after.count - before.count,
  };
}

/**
 * The q-quantile in seconds, interpolated linearly inside its bucket as Prometheus's
 * histogram_quantile does (so only as fine as the buckets); the last finite bound when it falls in +Inf.
 */
export function histogramQuantile(h: HistogramScrape, q: number): number {
  if (h.count <= 0) throw new Error('no observations to take a quantile of');
  const rank = q * h.count;
  let lower = 0;
  let below = 0;
  for (const { le, count } of h.buckets) {
    if (count >= rank) {
      if (le === Infinity) return lower;
      return lower + ((le - lower) * (rank - below)) / Math.max(1, count - below);
    }
    lower = le;
    below = count;
  }
  return lower;
}

/** Scrapes `name` from an app's /metrics (administrators only: `headers` present the key). */
export async function scrapeHistogram(
  baseUrl: string,
  name: string,
  headers: Record<string, string>,
): Promise<HistogramScrape> {
  const response = await fetch(`${baseUrl}/metrics`, { headers });
  if (!response.ok) throw new Error(`GET ${baseUrl}/metrics answered ${response.status}`);
  return parseHistogram(await response.text(), name);
}
