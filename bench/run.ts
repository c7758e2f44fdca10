/**
 * `npm run bench [-- --quick] [-- --only=name[,name]]`: provides Kafka and ClickHouse as the tests
 * do, builds the apps if dist/ lacks them, runs the scenarios of bench/scenarios/index.ts one after
 * the other, prints one table, each scenario's duration (against its quick budget) and each ratio
 * beside the previous run's, and writes bench/results/<timestamp>.json; bench/results/latest.json
 * keeps the latest result of every scenario in each mode. Exits non-zero when a scenario fails (a
 * missed target or budget is reported, not a failure).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseBenchArgs } from './lib/options';
import { QUICK_BUDGET_SECONDS, QUICK_TOTAL_BUDGET_SECONDS } from './lib/budget';
import {
  formatChanges,
  formatTable,
  formatTimings,
  latestJson,
  mergeLatest,
  parseLatest,
  ratioChanges,
  reportJson,
  resultFileName,
  type BenchReport,
  type ScenarioTiming,
} from './lib/report';
import type { BenchResult } from './lib/scenario';
import { REPO_ROOT, buildIfMissing, provideServices } from './lib/services';
import { BENCH_SCENARIOS } from './scenarios';

const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);
const message = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));

async function main(): Promise<number> {
  const options = parseBenchArgs(
    process.argv.slice(2),
    BENCH_SCENARIOS.map((s) => s.name),
  );
  const scenarios = BENCH_SCENARIOS.filter((s) => !options.only || options.only.includes(s.name));
  const startedAt = new Date().toISOString();
  const machine = {
    cpus: availableParallelism(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: Math.round(loadavg()[0] * 100) / 100,
  };
  say(`${options.quick ? 'quick' : 'full'} run of ${scenarios.map((s) => s.name).join(', ')}`);
  say(`machine: ${JSON.stringify(machine)}`);
  const timings: ScenarioTiming[] = [];
  const timed = (scenario: string, t0: number) => {
    const seconds = (Date.now() - t0) / 1000;
    const budgetSeconds = options.quick ? QUICK_BUDGET_SECONDS[scenario] : undefined;
    timings.push(budgetSeconds === undefined ? { scenario, seconds } : { scenario, seconds, budgetSeconds });
    return seconds;
  };
  const buildAt = Date.now();
  if (buildIfMissing(say)) timed('build', buildAt);
  const servicesAt = Date.now();
  const services = await provideServices();
  timed('services', servicesAt);
  const results: BenchResult[] = [];
  const failures: { scenario: string; error: string }[] = [];
  try {
    for (const scenario of scenarios) {
      const t0 = Date.now();
      say(`${scenario.name}: ${scenario.description}`);
      try {
        results.push(
          await scenario.run({
            quick: options.quick,
            env: services.env,
            log: (line) => process.stdout.write(`[${scenario.name}] ${line}\n`),
          }),
        );
        say(`${scenario.name}: done in ${timed(scenario.name, t0).toFixed(0)} s`);
      } catch (error) {
        timed(scenario.name, t0);
        say(`${scenario.name} FAILED: ${message(error)}`);
        failures.push({ scenario: scenario.name, error: message(error) });
      }
    }
  } finally {
    await services.release();
  }
  const report: BenchReport = {
    startedAt,
    finishedAt: new Date().toISOString(),
    quick: options.quick,
    machine,
    results,
    timings,
    failures,
  };
  process.stdout.write(`\n${formatTable(results)}\n\n`);
  for (const result of results) for (const note of result.notes) say(`${result.scenario}: ${note}`);
  process.stdout.write(
    `\n${formatTimings(timings, options.quick ? QUICK_TOTAL_BUDGET_SECONDS : undefined)}\n`,
  );
  const dir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const latestFile = join(dir, 'latest.json');
  const previous = parseLatest(existsSync(latestFile) ? readFileSync(latestFile, 'utf8') : undefined);
  process.stdout.write(`\n${formatChanges(ratioChanges(previous, report))}\n\n`);
  writeFileSync(join(dir, resultFileName(startedAt)), reportJson(report));
  writeFileSync(latestFile, latestJson(mergeLatest(previous, report)));
  say(`written: bench/results/${resultFileName(startedAt)} and bench/results/latest.json`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    say(message(error));
    process.exit(1);
  },
);
