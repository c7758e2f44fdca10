/**
 * The contract every benchmark scenario follows. `npm run bench` (bench/run.ts) runs the scenarios in one
 * process, one after the other, prints their figures and writes them as JSON under bench/results/.
 * Machines here are shared and noisy, so each scenario measures its reference side by side in the same
 * run and reports ratios; an absolute figure alone is never a verdict.
 */
export interface BenchContext {
  /** `--quick`: smaller volumes so the whole run finishes within five minutes. */
  readonly quick: boolean;
  /** The services' addresses and credentials (KAFKA_BROKERS, KAFKA_SASL_*, CLICKHOUSE_URL, ...). */
  readonly env: Readonly<Record<string, string>>;
  /** Progress lines; the runner prefixes them with the scenario's name. */
  log(line: string): void;
}

export interface BenchTarget {
  readonly name: string;
  readonly value: number;
  /** Met when `value` compares with `threshold` as `comparison` says. */
  readonly comparison: '>=' | '<=';
  readonly threshold: number;
}

export interface BenchResult {
  readonly scenario: string;
  /** Measured figures, each name carrying its unit: `pipelineEventsPerSecond`, `p99Ms`, `rssMb`. */
  readonly figures: Readonly<Record<string, number>>;
  /** Ratios against the reference measured in the same run: `pipelineOverBare`. */
  readonly ratios: Readonly<Record<string, number>>;
  readonly targets: readonly BenchTarget[];
  /** What the figures mean and how they were taken (volumes, settings, caveats). */
  readonly notes: readonly string[];
}

export interface BenchScenario {
  readonly name: string;
  readonly description: string;
  run(context: BenchContext): Promise<BenchResult>;
}

export const targetMet = (target: BenchTarget): boolean =>
  target.comparison === '>=' ? target.value >= target.threshold : target.value <= target.threshold;
