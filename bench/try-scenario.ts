/** Temporary: runs one scenario alone until `npm run bench` exists. */
import { eventToScreenLatency } from './scenarios/event-to-screen-latency';
import { fanOut } from './scenarios/fan-out';
import { rollupQueries } from './scenarios/rollup-queries';
import type { BenchScenario } from './lib/scenario';

const scenarios: Record<string, BenchScenario> = {
  [eventToScreenLatency.name]: eventToScreenLatency,
  [fanOut.name]: fanOut,
  [rollupQueries.name]: rollupQueries,
};

async function main(): Promise<void> {
  const scenario = scenarios[process.argv[2]];
  if (!scenario) throw new Error(`unknown scenario ${process.argv[2]}`);
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  const result = await scenario.run({
    quick: process.argv.includes('--quick'),
    env,
    log: (line) => process.stdout.write(`[${scenario.name}] ${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
