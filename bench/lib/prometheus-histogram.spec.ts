import { histogramQuantile, histogramSince, parseHistogram } from './prometheus-histogram';

const metrics = (sum: number, counts: [number, number, number]) =>
  [
    '# HELP coc_live_notice_to_emit_seconds From ingest storing facts to the gateway emitting',
    '# TYPE coc_live_notice_to_emit_seconds histogram',
    `coc_live_notice_to_emit_seconds_bucket{le="1",app="coc-gateway"} ${counts[0]}`,
    `coc_live_notice_to_emit_seconds_bucket{le="5"} ${counts[1]}`,
    `coc_live_notice_to_emit_seconds_bucket{le="+Inf"} ${counts[2]}`,
    `coc_live_notice_to_emit_seconds_sum{app="coc-gateway"} ${sum}`,
    `coc_live_notice_to_emit_seconds_count ${counts[2]}`,
    'coc_other_seconds_sum 9',
  ].join('\n');

describe('Prometheus histogram of the bench', () => {
  const name = 'coc_live_notice_to_emit_seconds';

  it('takes what was observed between two scrapes and interpolates quantiles inside buckets', () => {
    const since = histogramSince(
      parseHistogram(metrics(2, [2, 2, 2]), name),
      parseHistogram(metrics(32, [2, 12, 12]), name),
    );
    expect(since).toEqual({
      buckets: [
        { le: 1, count: 0 },
        { le: 5, count: 10 },
        { le: Infinity, count: 10 },
      ],
      sum: 30,
      count: 10,
    });
    expect(histogramQuantile(since, 0.5)).toBe(3);
    expect(histogramQuantile(since, 1)).toBe(5);
  });

  it('answers the last finite bound for a quantile above every bucket; a histogram not exposed yet is empty', () => {
    const h = parseHistogram(metrics(60, [0, 0, 4]), name);
    expect(histogramQuantile(h, 0.99)).toBe(5);
    const none = parseHistogram('coc_other_seconds_sum 9', name);
    expect(none).toEqual({ buckets: [], sum: 0, count: 0 });
    expect(histogramSince(none, h).count).toBe(4);
  });
});
