import { parseBenchArgs } from './options';
import {
  formatMarkdownTable,
  formatChanges,
  formatNumber,
  formatTable,
  formatTimings,
  latestJson,
  mergeLatest,
  parseLatest,
  ratioChanges,
  reportJson,
  resultFileName,
  tableRows,
  type BenchReport,
} from './report';
import type { BenchResult } from './scenario';

const throughput: BenchResult = {
  scenario: 'ingest-throughput',
  figures: { pipelineEventsPerSecond: 18512.4, bareEventsPerSecond: 86000, ingestPeakRssMb: 212.25 },
  ratios: { pipelineOverBare: 0.21526, pipelineOverPeer: 0.2763 },
  targets: [
    { name: 'pipelineOverBare', value: 0.21526, comparison: '>=', threshold: 0.7 },
    { name: 'ingestPeakRssMb', value: 212.25, comparison: '<=', threshold: 300 },
    { name: 'unlisted', value: 3, comparison: '<=', threshold: 2 },
  ],
  notes: ['400,828 events'],
};

describe('bench report', () => {
  it('rounds to three significant digits, keeps whole numbers whole and groups thousands', () => {
    expect([18512.4, 86000, 212.25, 0.21526, 1.5, 0, 12.04].map(formatNumber)).toEqual([
      '18 512',
      '86 000',
      '212',
      '0.215',
      '1.5',
      '0',
      '12',
    ]);
  });

  it('puts each figure and ratio on a row, with the target of the same name and whether it is met', () => {
    const rows = tableRows([throughput]);
    expect(rows.map((r) => [r.figure, r.value, r.ratio, r.target, r.met])).toEqual([
      ['pipelineEventsPerSecond', '18 512', '', '', ''],
      ['bareEventsPerSecond', '86 000', '', '', ''],
      ['ingestPeakRssMb', '212', '', '<= 300', 'yes'],
      ['pipelineOverBare', '', '0.215', '>= 0.7', 'NO'],
      ['pipelineOverPeer', '', '0.276', '', ''],
      ['unlisted', '3', '', '<= 2', 'NO'],
    ]);
    expect(new Set(rows.map((r) => r.scenario))).toEqual(new Set(['ingest-throughput']));
  });

  it('prints aligned columns under one header', () => {
    const lines = formatTable([throughput]).split('\n');
    expect(lines[0]).toMatch(/^scenario\s+figure\s+value\s+ratio\s+target\s+met\?$/);
    expect(lines[1]).toMatch(/^-+( +-+){5}$/);
    expect(lines).toHaveLength(2 + 6);
    // Right-aligned numbers end in the same column.
    const valueEnd = (line: string, value: string) => line.indexOf(value) + value.length;
    expect(valueEnd(lines[2], '18 512')).toBe(valueEnd(lines[3], '86 000'));
  });

  it('writes Markdown with one row per table row', () => {
    const md = formatMarkdownTable([throughput]).split('\n');
    expect(md[0]).toBe('| scenario | figure | value | ratio | target | met? |');
    expect(md[5]).toBe('| ingest-throughput | pipelineOverBare |  | 0.215 | >= 0.7 | NO |');
  });

  it('names result files by start time, sortably, and writes the report as parseable JSON', () => {
    expect(resultFileName('2026-12-02T01:02:03.456Z')).toBe('2026-12-02T01-02-03Z.json');
    const report: BenchReport = {
      startedAt: '2026-12-02T01:02:03.456Z',
      finishedAt: '2026-12-02T01:04:03.456Z',
      quick: true,
      machine: { cpus: 2, memoryGb: 23, node: 'v20.20.2', platform: 'linux-x64', loadAverage: 4.2 },
      results: [throughput],
      timings: [{ scenario: 'ingest-throughput', seconds: 80, budgetSeconds: 90 }],
      failures: [],
    };
    expect(JSON.parse(reportJson(report))).toEqual(report);
  });
});

const machine = { cpus: 2, memoryGb: 23, node: 'v20.20.2', platform: 'linux-x64', loadAverage: 4.2 };
const runOf = (startedAt: string, quick: boolean, results: BenchResult[]): BenchReport => ({
  startedAt,
  finishedAt: startedAt,
  quick,
  machine,
  results,
  timings: results.map((r) => ({ scenario: r.scenario, seconds: 60 })),
  failures: [],
});
const fanOut: BenchResult = {
  scenario: 'fan-out',
  figures: { gatewayPeakRssMb: 300 },
  ratios: { p99OverBare: 1.2 },
  targets: [],
  notes: [],
};
const withRatios = (result: BenchResult, ratios: Record<string, number>): BenchResult => ({
  ...result,
  ratios,
});

describe('latest results across runs', () => {
  const first = mergeLatest(undefined, runOf('2026-12-02T01:00:00.000Z', true, [throughput, fanOut]));

  it('keeps every scenario of every mode, each with the time it was measured', () => {
    const later = runOf('2026-12-02T02:00:00.000Z', true, [
      withRatios(throughput, { pipelineOverBare: 0.5 }),
    ]);
    const merged = mergeLatest(first, later);
    expect(Object.keys(merged.quick).sort()).toEqual(['fan-out', 'ingest-throughput']);
    expect(merged.quick['fan-out'].measuredAt).toBe('2026-12-02T01:00:00.000Z');
    expect(merged.quick['ingest-throughput']).toMatchObject({
      measuredAt: '2026-12-02T02:00:00.000Z',
      seconds: 60,
      result: { ratios: { pipelineOverBare: 0.5 } },
    });
    expect(merged.full).toEqual({});
    const full = mergeLatest(merged, runOf('2026-12-02T03:00:00.000Z', false, [fanOut]));
    expect(Object.keys(full.full)).toEqual(['fan-out']);
    expect(full.quick).toEqual(merged.quick);
  });

  it('reads its own JSON back and ignores a file of the older one-run layout', () => {
    expect(parseLatest(latestJson(first))).toEqual(first);
    expect(parseLatest(reportJson(runOf('2026-12-02T01:00:00.000Z', true, [throughput])))).toBeUndefined();
    expect(parseLatest(undefined)).toBeUndefined();
  });

  it('sets each ratio beside the previous value of the same scenario and mode, flagging beyond ±15 %', () => {
    const again = runOf('2026-12-02T02:00:00.000Z', true, [
      withRatios(throughput, { pipelineOverBare: 0.24, pipelineOverPeer: 0.2763, newRatio: 2 }),
      withRatios(fanOut, { p99OverBare: 1.0 }),
    ]);
    const changes = ratioChanges(first, again);
    expect(changes.map((c) => [c.ratio, c.previous, c.flagged])).toEqual([
      ['pipelineOverBare', 0.21526, false],
      ['pipelineOverPeer', 0.2763, false],
      ['newRatio', undefined, false],
      ['p99OverBare', 1.2, true],
    ]);
    expect(changes[0].change).toBeCloseTo(0.115, 3);
    const text = formatChanges(changes).split('\n');
    expect(text[0]).toBe(
      'ingest-throughput pipelineOverBare: 0.24, previous 0.215 (2026-12-02T01:00:00.000Z), +11.5 %',
    );
    expect(text[2]).toBe('ingest-throughput newRatio: 2 (no previous run)');
    expect(text[3]).toMatch(/^fan-out p99OverBare: 1, previous 1\.2 .*, -16\.7 % {2}BEYOND ±15 %$/);
    expect(text[4]).toBe('2 of 3 ratios within ±15 % of the previous run');
    // A full run is never compared with a quick one.
    expect(ratioChanges(first, { ...again, quick: false }).every((c) => c.previous === undefined)).toBe(true);
  });
});

describe('quick budget', () => {
  it('prints each duration beside its budget and the total, warning when the total is over', () => {
    const lines = formatTimings(
      [
        { scenario: 'build', seconds: 200 },
        { scenario: 'services', seconds: 4.2, budgetSeconds: 25 },
        { scenario: 'rollup-queries', seconds: 250, budgetSeconds: 60 },
        { scenario: 'fan-out', seconds: 40, budgetSeconds: 45 },
      ],
      300,
    ).split('\n');
    expect(lines[0]).toMatch(/^took\s+seconds\s+budget$/);
    expect(lines[1]).toMatch(/^build\s+200$/);
    expect(lines[3]).toMatch(/^rollup-queries\s+250\s+60\s+OVER$/);
    expect(lines[5]).toMatch(/^total\s+294\s+300$/);
    expect(lines).toHaveLength(7);
    expect(lines[6]).toBe('note: over their share, within the total: rollup-queries');
    const over = formatTimings([{ scenario: 'fan-out', seconds: 301, budgetSeconds: 45 }], 300).split('\n');
    expect(over.at(-1)).toBe(
      'WARNING: the quick run took 301 s, over its 300 s budget (over their share: fan-out)',
    );
    expect(formatTimings([{ scenario: 'fan-out', seconds: 500 }])).not.toMatch(/WARNING|OVER/);
  });
});

describe('bench arguments', () => {
  const names = ['ingest-throughput', 'latency'];

  it('reads --quick and --only', () => {
    expect(parseBenchArgs([], names)).toEqual({ quick: false });
    expect(parseBenchArgs(['--quick', '--only=latency,ingest-throughput'], names)).toEqual({
      quick: true,
      only: ['latency', 'ingest-throughput'],
    });
  });

  it('refuses unknown arguments and scenario names, naming them', () => {
    expect(() => parseBenchArgs(['--fast'], names)).toThrow('unknown argument --fast');
    expect(() => parseBenchArgs(['--only=rollups'], names)).toThrow(
      '--only names no scenario: rollups; known: ingest-throughput, latency',
    );
    expect(() => parseBenchArgs(['--only='], names)).toThrow('--only names no scenario');
  });
});
