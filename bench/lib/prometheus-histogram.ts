/** A Prometheus histogram as /metrics exposes it: cumulative counts by upper bound, sum and count. */
export interface HistogramScrape {
  /** Cumulative counts by upper bound in seconds, ascending, the last one +Inf. */
  buckets: { le: number; count: number }[];
  sum: number;
  count: number;
}

/**
 * The histogram `name` out of a /metrics text, whatever other labels it carries; empty when the app
 * exposes none yet (no observation).
 */
export function parseHistogram(text: string, name: string): HistogramScrape {
  const scrape: HistogramScrape = { buckets: [], sum: 0, count: 0 };
  const sample = new RegExp(`^${name}_(bucket|sum|count)(?:\\{([^}]*)\\})? (\\S+)$`);
  for (const line of text.split('\n')) {
    const match = sample.exec(line);
    if (!match) continue;
    const [, part, labels = '', value] = match;
    if (part === 'sum') scrape.sum = Number(value);
    else if (part === 'count') scrape.count = Number(value);
    else {
      const le = /le="([^"]+)"/.exec(labels)?.[1];
      if (le === undefined) throw new Error(`${name}: a bucket without le (${line})`);
      scrape.buckets.push({ le: le === '+Inf' ? Infinity : Number(le), count: Number(value) });
    }
  }
  scrape.buckets.sort((a, b) => a.le - b.le);
  return scrape;
}

/** What was observed between two scrapes of the same histogram. */
export function histogramSince(before: HistogramScrape, after: HistogramScrape): HistogramScrape {
  return {
    buckets: after.buckets.map((b) => ({
      le: b.le,
      count: b.count - (before.buckets.find((a) => a.le === b.le)?.count ?? 0),
    })),
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
