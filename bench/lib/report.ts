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

/** How long a scenario took, against its share of the quick run's five minutes. */
export interface ScenarioTiming {
  readonly scenario: string;
  readonly seconds: number;
  /** Its quick-mode budget; absent in a full run, which has none. */
  readonly budgetSeconds?: number;
}

export interface BenchReport {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly quick: boolean;
  readonly machine: MachineInfo;
  readonly results: readonly BenchResult[];
  /** Every scenario run, finished or failed, and the set-up (services, build) as `setup`. */
  readonly timings: readonly ScenarioTiming[];
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

/**
 * The durations beside their budgets, a total line, and a warning line when a budget is exceeded.
 * Against a total budget, the total counts only what has a budget of its own (not a one-off build).
 */
export function formatTimings(timings: readonly ScenarioTiming[], totalBudgetSeconds?: number): string {
  const counted = timings.filter((t) => totalBudgetSeconds === undefined || t.budgetSeconds !== undefined);
  const total = counted.reduce((sum, t) => sum + t.seconds, 0);
  const over = (seconds: number, budget?: number) => (budget !== undefined && seconds > budget ? 'OVER' : '');
  const rows = [
    ['took', 'seconds', 'budget', ''],
    ...timings.map((t) => [
      t.scenario,
      t.seconds.toFixed(0),
      t.budgetSeconds?.toFixed(0) ?? '',
      over(t.seconds, t.budgetSeconds),
    ]),
    ['total', total.toFixed(0), totalBudgetSeconds?.toFixed(0) ?? '', over(total, totalBudgetSeconds)],
  ];
  const width = (c: number) => Math.max(...rows.map((r) => r[c].length));
  const lines = rows.map((r) =>
    r
      .map((cell, c) => (c === 0 || c === 3 ? cell.padEnd(width(c)) : cell.padStart(width(c))))
      .join('  ')
      .trimEnd(),
  );
  const exceeded = timings.filter((t) => over(t.seconds, t.budgetSeconds)).map((t) => t.scenario);
  if (totalBudgetSeconds !== undefined && total > totalBudgetSeconds) {
    lines.push(
      `WARNING: the quick run took ${total.toFixed(0)} s, over its ${totalBudgetSeconds} s budget` +
        (exceeded.length > 0 ? ` (over their share: ${exceeded.join(', ')})` : ''),
    );
  } else if (exceeded.length > 0) {
    lines.push(`note: over their share, within the total: ${exceeded.join(', ')}`);
  }
  return lines.join('\n');
}

/** One scenario's latest result in one mode: when it was measured, on what, and how long it took. */
export interface ScenarioRecord {
  readonly measuredAt: string;
  readonly seconds: number;
  readonly machine: MachineInfo;
  readonly result: BenchResult;
}

/**
 * bench/results/latest.json: the latest result of every scenario in each mode, so that a run of
 * one scenario (`--only=`) replaces that scenario's entry and keeps the others'.
 */
export interface LatestResults {
  readonly quick: Readonly<Record<string, ScenarioRecord>>;
  readonly full: Readonly<Record<string, ScenarioRecord>>;
}

const modeOf = (quick: boolean) => (quick ? 'quick' : 'full');

/** The previous latest.json, or none when there is none or it predates this layout (a run's report). */
export function parseLatest(json: string | undefined): LatestResults | undefined {
  if (json === undefined) return undefined;
  const parsed = JSON.parse(json) as Partial<LatestResults>;
  if (typeof parsed.quick !== 'object' || typeof parsed.full !== 'object') return undefined;
  return { quick: parsed.quick ?? {}, full: parsed.full ?? {} };
}

/** The previous latest results with this run's scenarios replaced, each with its own time. */
export function mergeLatest(previous: LatestResults | undefined, report: BenchReport): LatestResults {
  const seconds = new Map(report.timings.map((t) => [t.scenario, t.seconds]));
  const mode = modeOf(report.quick);
  const entries = report.results.map((result): [string, ScenarioRecord] => [
    result.scenario,
    {
      measuredAt: report.startedAt,
      seconds: seconds.get(result.scenario) ?? 0,
      machine: report.machine,
      result,
    },
  ]);
  const merged = { quick: { ...previous?.quick }, full: { ...previous?.full } };
  merged[mode] = { ...merged[mode], ...Object.fromEntries(entries) };
  return merged;
}

export function latestJson(latest: LatestResults): string {
  return `${JSON.stringify(latest, null, 2)}\n`;
}

/** A ratio of this run beside the same scenario's and mode's previous value. */
export interface RatioChange {
  readonly scenario: string;
  readonly ratio: string;
  readonly value: number;
  readonly previous?: number;
  readonly previousAt?: string;
  /** (value − previous) / previous. */
  readonly change?: number;
  /** Beyond the tolerance: the two runs do not agree. */
  readonly flagged: boolean;
}

/** Runs agree when each ratio moved by at most this share of its previous value. */
export const REPEAT_TOLERANCE = 0.15;

export function ratioChanges(
  previous: LatestResults | undefined,
  report: BenchReport,
  tolerance = REPEAT_TOLERANCE,
): RatioChange[] {
  const before = previous?.[modeOf(report.quick)] ?? {};
  return report.results.flatMap((result) =>
    Object.entries(result.ratios).map(([ratio, value]): RatioChange => {
      const record = before[result.scenario];
      const old = record?.result.ratios[ratio];
      if (old === undefined || old === 0) return { scenario: result.scenario, ratio, value, flagged: false };
      const change = (value - old) / old;
      return {
        scenario: result.scenario,
        ratio,
        value,
        previous: old,
        previousAt: record.measuredAt,
        change,
        flagged: Math.abs(change) > tolerance,
      };
    }),
  );
}

/** One line per ratio: this run, the previous run, the change, and a flag beyond the tolerance. */
export function formatChanges(changes: readonly RatioChange[], tolerance = REPEAT_TOLERANCE): string {
  const percent = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
  const lines = changes.map((c) => {
    const name = `${c.scenario} ${c.ratio}`;
    if (c.previous === undefined || c.change === undefined)
      return `${name}: ${formatNumber(c.value)} (no previous run)`;
    const flag = c.flagged ? `  BEYOND ±${tolerance * 100} %` : '';
    return `${name}: ${formatNumber(c.value)}, previous ${formatNumber(c.previous)} (${c.previousAt}), ${percent(c.change)}${flag}`;
  });
  const flagged = changes.filter((c) => c.flagged).length;
  const compared = changes.filter((c) => c.change !== undefined).length;
  lines.push(
    compared === 0
      ? 'no ratio to compare with a previous run of the same mode'
      : `${compared - flagged} of ${compared} ratios within ±${tolerance * 100} % of the previous run`,
  );
  return lines.join('\n');
}
