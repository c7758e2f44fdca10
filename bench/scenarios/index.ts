import type { BenchScenario } from '../lib/scenario';
import { embeddedBus } from './embedded-bus';
import { embeddedThroughput } from './embedded-throughput';
import { eventToScreenLatency } from './event-to-screen-latency';
import { fanOut } from './fan-out';
import { ingestThroughput } from './ingest-throughput';
import { rollupQueries } from './rollup-queries';

/** Every scenario `npm run bench` runs, in this order. */
export const BENCH_SCENARIOS: readonly BenchScenario[] = [
  ingestThroughput,
  eventToScreenLatency,
  fanOut,
  rollupQueries,
  embeddedBus,
  embeddedThroughput,
];
