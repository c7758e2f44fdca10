/** `npm run bench -- --quick` must finish within five minutes, set-up included. */
export const QUICK_TOTAL_BUDGET_SECONDS = 300;

/**
 * Each scenario's share of the quick run (seconds, measured on the shared 2-vCPU machine); the
 * set-up (services answering, `npm run build` only when dist/ lacks an app) has its own share.
 */
export const QUICK_BUDGET_SECONDS: Readonly<Record<string, number>> = {
  setup: 10,
  'ingest-throughput': 90,
  'event-to-screen-latency': 50,
  'fan-out': 45,
  'rollup-queries': 60,
  'embedded-bus': 15,
  'embedded-throughput': 30,
};
