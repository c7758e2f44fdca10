import type { BenchScenario } from '../lib/scenario';
import { ingestThroughput } from './ingest-throughput';

/** Every scenario `npm run bench` runs, in this order. */
export const BENCH_SCENARIOS: readonly BenchScenario[] = [ingestThroughput];
