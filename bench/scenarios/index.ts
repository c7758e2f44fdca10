import type { BenchScenario } from '../lib/scenario';

/** Every scenario `npm run bench` runs, in this order. */
export const BENCH_SCENARIOS: readonly BenchScenario[] = [];
