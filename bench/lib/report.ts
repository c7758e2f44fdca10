import { targetMet, type BenchResult, type BenchTarget } from './scenario';

/** The machine a run was measured on: figures from a different machine are not comparable. */
export interface MachineInfo {
  readonly cpus: number;
  readonly memoryGb: number;
  readonly node: string;
  readonly platform: string;
  /** 1-minute load average when the run started: a shared machine's noise, stated. */
  readonly loadAverage: number;
}

export interface BenchReport {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly quick: boolean;
  readonly machine: MachineInfo;
  readonly results: readonly BenchResult[];
  /** Scenarios that threw: their error, so a broken scenario is visible, never a silently shorter table. */
  readonly failures: readonly { readonly scenario: string; readonly error: string }[];
}

/** One line of the printed table: a figure or a ratio, with the target of the same name if any. */
export interface TableRow {
  readonly scenario: string;
  readonly figure: string;
  readonly value: string;
  readonly ratio: string;
  readonly target: string;
  readonly met: string;
}

const HEADER: TableRow = {
  scenario: 'scenario',
  figure: 'figure',
  value: 'value',
  ratio: 'ratio',
  target: 'target',
  met: 'met?',
};
const COLUMNS = Object.keys(HEADER) as (keyof TableRow)[];

/** Three significant digits (whole numbers kept whole), thousands grouped: 18 512, 0.215, 1.5, 12. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Math.abs(n) >= 1000 ? Math.round(n) : Number(n.toPrecision(3));
  const [whole, fraction] = String(rounded).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

const targetText = (t: BenchTarget) => `${t.comparison} ${formatNumber(t.threshold)}`;
const metText = (t: BenchTarget) => (targetMet(t) ? 'yes' : 'NO');

/** Figures first, then ratios; a target that names neither gets its own row. */
export function tableRows(results: readonly BenchResult[]): TableRow[] {
  return results.flatMap((result) => {
    const targets = new Map(result.targets.map((t) => [t.name, t]));
    const row = (figure: string, value: string, ratio: string): TableRow => {
      const target = targets.get(figure);
      targets.delete(figure);
      return {
        scenario: result.scenario,
        figure,
        value,
        ratio,
        target: target ? targetText(target) : '',
        met: target ? metText(target) : '',
      };
    };
    const rows = [
      ...Object.entries(result.figures).map(([name, v]) => row(name, formatNumber(v), '')),
      ...Object.entries(result.ratios).map(([name, v]) => row(name, '', formatNumber(v))),
    ];
    for (const t of targets.values()) rows.push(row(t.name, formatNumber(t.value), ''));
    return rows;
  });
}

/** The table as fixed-width text, numbers right-aligned. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = [HEADER, ...tableRows(results)];
  const width = (c: keyof TableRow) => Math.max(...rows.map((r) => r[c].length));
  const numeric = new Set<keyof TableRow>(['value', 'ratio']);
  const line = (r: TableRow) =>
    COLUMNS.map((c) => (numeric.has(c) ? r[c].padStart(width(c)) : r[c].padEnd(width(c))))
      .join('  ')
      .trimEnd();
  const rule = COLUMNS.map((c) => '-'.repeat(width(c))).join('  ');
  return [line(HEADER), rule, ...rows.slice(1).map(line)].join('\n');
}

/** The table as Markdown, for the README's performance section. */
export function formatMarkdownTable(results: readonly BenchResult[]): string {
  const cells = (r: TableRow) => `| ${COLUMNS.map((c) => r[c]).join(' | ')} |`;
  return [cells(HEADER), `|${COLUMNS.map(() => '---').join('|')}|`, ...tableRows(results).map(cells)].join(
    '\n',
  );
}

/** `2026-12-02T01:02:03.456Z` → `2026-12-02T01-02-03Z`: sortable and safe as a file name. */
export function resultFileName(startedAt: string): string {
  return `${startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.json`;
}

export function reportJson(report: BenchReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
