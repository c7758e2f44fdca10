/**
 * `npm run bench -- --quick` must finish within five minutes, services' start included; a fresh
 * clone's one-off `npm run build` (minutes on a loaded 2-vCPU machine) has no budget and is not counted.
 */
export const QUICK_TOTAL_BUDGET_SECONDS = 300;

/**
 * Each scenario's share of the quick run (seconds, measured on the shared 2-vCPU machine); `services`
 * is the services answering (about 20 s when deploy/local has to start them, under 1 s when running).
 */
export const QUICK_BUDGET_SECONDS: Readonly<Record<string, number>> = {
  services: 25,
  'ingest-throughput': 100,
  'event-to-screen-latency': 50,
  'fan-out': 55,
  'rollup-queries': 40,
  'embedded-bus': 10,
  'embedded-throughput': 20,
};
