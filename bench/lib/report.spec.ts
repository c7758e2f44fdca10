import { parseBenchArgs } from './options';
import {
  formatMarkdownTable,
  formatNumber,
  formatTable,
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
      failures: [],
    };
    expect(JSON.parse(reportJson(report))).toEqual(report);
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
