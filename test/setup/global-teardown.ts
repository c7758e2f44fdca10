// Jest globalTeardown: stops only what global-setup.ts started itself. Services that were already
// running (or given by KAFKA_BROKERS / CLICKHOUSE_URL) are left alone. COC_TEST_KEEP_SERVICES=1
// keeps even ours running, for fast local re-runs (the next setup finds them ready).
import { readState, removeState, say, stopStarted } from './test-services';

export default async function globalTeardown(): Promise<void> {
  const records = readState();
  if (process.env.COC_TEST_KEEP_SERVICES === '1') {
    for (const r of records.filter((x) => x.startedBySetup && x.path === 'local')) {
      say(
        `${r.service}: left running (COC_TEST_KEEP_SERVICES=1); stop with: bash deploy/local/services.sh stop`,
      );
    }
    // Containers cannot outlive the run (testcontainers reaps them), so they are stopped regardless.
    await stopStarted(records.filter((x) => x.path === 'docker'));
  } else {
    await stopStarted(records);
  }
  removeState();
}
