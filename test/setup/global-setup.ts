// Jest globalSetup for the integration and e2e projects: provides a real Kafka and a real ClickHouse.
// Per service, first that works wins:
//   1. KAFKA_BROKERS / CLICKHOUSE_URL already set          -> use them as they are
//   2. a Docker engine answers (testcontainers)            -> start a container
//   3. deploy/local/services.sh (no Docker: Maven Kafka + Debian ClickHouse 18.16 on loopback)
// Addresses go to process.env, which the test workers inherit; so do the local broker's SCRAM
// credentials (KAFKA_SASL_*, from services.sh env). A KAFKA_BROKERS given from outside comes with the
// KAFKA_SASL_* variables given with it, or none (a broker without SASL, like the testcontainers one).
// With CI=true a service that cannot be provided fails the run; locally it is reported and listed in
// COC_TEST_SERVICES_MISSING.
// Then both must answer (checkServices, within 20 s), or set-up stops with one message naming them.
// Escape hatches: COC_TEST_NO_DOCKER=1 skips step 2; COC_TEST_KEEP_SERVICES=1 (teardown) keeps them.
import './register-paths';
import { performance } from 'node:perf_hooks';

import { checkServices } from '../../libs/testing/src/check-services';

import {
  ENV_VAR,
  SERVICES,
  containers,
  redact,
  say,
  servicesSh,
  stopStarted,
  writeState,
  type ServiceName,
  type ServiceRecord,
} from './test-services';

export const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.7.1';
export const CLICKHOUSE_IMAGE = 'clickhouse/clickhouse-server:24.8';

const seconds = (t0: number): string => ((performance.now() - t0) / 1000).toFixed(1);
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Resolves to undefined when a container runtime answers, else to the reason it does not. */
export async function dockerUnavailableReason(): Promise<string | undefined> {
  if (process.env.COC_TEST_NO_DOCKER === '1') return 'COC_TEST_NO_DOCKER=1';
  try {
    // Lazy: testcontainers is only loaded when some service still needs an address.
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return undefined;
  } catch (e) {
    return message(e);
  }
}

async function startKafkaContainer(): Promise<string> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const container = await new KafkaContainer(KAFKA_IMAGE)
    .withKraft()
    // same broker behaviour as deploy/local/kafka/server.properties.tmpl
    .withEnvironment({
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .start();
  containers().kafka = container;
  return `${container.getHost()}:${container.getMappedPort(9093)}`;
}

async function startClickHouseContainer(): Promise<string> {
  const { ClickHouseContainer } = await import('@testcontainers/clickhouse');
  const container = await new ClickHouseContainer(CLICKHOUSE_IMAGE).start();
  containers().clickhouse = container;
  // Credentials in the URL (@clickhouse/client reads them); no database path, like the local server.
  const user = encodeURIComponent(container.getUsername());
  const password = encodeURIComponent(container.getPassword());
  return `http://${user}:${password}@${container.getHost()}:${container.getHttpPort()}`;
}

/** What `services.sh env` prints: NAME -> value. */
function localEnv(): Map<string, string> {
  const r = servicesSh(['env'], 'capture');
  if (r.status !== 0) throw new Error(`deploy/local/services.sh env failed: ${r.stderr}`);
  return new Map([...r.stdout.matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2].trim()]));
}

/** KAFKA_BROKERS / CLICKHOUSE_URL of the local services, as services.sh computes them from COC_LOCAL_*. */
function localAddresses(): Record<ServiceName, string> {
  const env = localEnv();
  const value = (name: string): string => {
    const found = env.get(name);
    if (!found) throw new Error(`deploy/local/services.sh env printed no ${name}`);
    return found;
  };
  return { kafka: value(ENV_VAR.kafka), clickhouse: value(ENV_VAR.clickhouse) };
}

/** The local broker's SCRAM client credentials (KAFKA_SASL_*), as `services.sh env` prints them. */
function localKafkaSasl(): Record<string, string> {
  return Object.fromEntries([...localEnv()].filter(([name]) => name.startsWith('KAFKA_SASL_')));
}

/**
 * coc-gateway runs as the read-only ClickHouse user in every test: its credentials come from the
 * environment, else from services.sh when the ClickHouse in use is the local one of this data dir.
 */
function provideReaderCredentials(): void {
  if (process.env.CLICKHOUSE_READER_USER) {
    say(`clickhouse reader: CLICKHOUSE_READER_USER=${process.env.CLICKHOUSE_READER_USER} from environment`);
    return;
  }
  const local = localEnv();
  const user = local.get('CLICKHOUSE_READER_USER');
  const password = local.get('CLICKHOUSE_READER_PASSWORD');
  if (local.get(ENV_VAR.clickhouse) === process.env[ENV_VAR.clickhouse] && user && password !== undefined) {
    Object.assign(process.env, { CLICKHOUSE_READER_USER: user, CLICKHOUSE_READER_PASSWORD: password });
    say(`clickhouse reader: ${user} from deploy/local/services.sh env`);
    return;
  }
  say(
    'WARNING no CLICKHOUSE_READER_USER / CLICKHOUSE_READER_PASSWORD for this ClickHouse: tests that start ' +
      'coc-gateway will fail (set them, or `bash deploy/local/services.sh start clickhouse` adds the user)',
  );
}

interface LocalResult {
  records: ServiceRecord[];
  /** services that could not be started, and why */
  failed: ServiceName[];
  error?: string;
}

/** Starts the given services with deploy/local/services.sh, unless they already run and are ready. */
function startLocal(wanted: readonly ServiceName[]): LocalResult {
  const address = localAddresses();
  const records: ServiceRecord[] = [];
  const toStart: ServiceName[] = [];
  for (const service of wanted) {
    // services.sh status exits 0 only when the service is running AND ready.
    if (servicesSh(['status', service], 'quiet').status === 0) {
      say(`${service}: local deploy/local (${address[service]}), already running: left running at teardown`);
      records.push({ service, path: 'local', address: address[service], startedBySetup: false });
    } else {
      toStart.push(service);
    }
  }
  if (toStart.length === 0) return { records, failed: [] };

  const which = toStart.length === 2 ? 'all' : toStart[0];
  const t0 = performance.now();
  for (const step of ['install', 'start', 'wait']) {
    const r = servicesSh([step, which], 'inherit');
    if (r.status !== 0) {
      const why = r.error ? message(r.error) : `exit ${r.status ?? r.signal}`;
      // Record what may have started anyway, so that it is stopped again.
      for (const service of toStart) {
        records.push({ service, path: 'local', address: address[service], startedBySetup: true });
      }
      return {
        records,
        failed: toStart,
        error: `deploy/local/services.sh ${step} ${which} failed (${why}); see its output above`,
      };
    }
  }
  for (const service of toStart) {
    say(`${service}: local deploy/local (${address[service]}), ready in ${seconds(t0)} s`);
    records.push({ service, path: 'local', address: address[service], startedBySetup: true });
  }
  return { records, failed: [] };
}

export default async function globalSetup(): Promise<void> {
  const records: ServiceRecord[] = [];
  const failures: { service: ServiceName; why: string }[] = [];
  let pending: ServiceName[] = [];

  for (const service of SERVICES) {
    const given = process.env[ENV_VAR[service]];
    if (given) {
      say(`${service}: ${ENV_VAR[service]} from environment (${redact(given)})`);
      records.push({ service, path: 'env', address: given, startedBySetup: false });
    } else {
      pending.push(service);
    }
  }

  const dockerReason = pending.length > 0 ? await dockerUnavailableReason() : 'not needed';
  if (pending.length > 0 && dockerReason === undefined) {
    const stillPending: ServiceName[] = [];
    for (const service of pending) {
      const t0 = performance.now();
      try {
        const address = service === 'kafka' ? await startKafkaContainer() : await startClickHouseContainer();
        const image = service === 'kafka' ? KAFKA_IMAGE : CLICKHOUSE_IMAGE;
        process.env[ENV_VAR[service]] = address;
        say(`${service}: docker ${image} (${redact(address)}), ready in ${seconds(t0)} s`);
        records.push({ service, path: 'docker', address, startedBySetup: true });
      } catch (e) {
        say(`${service}: docker engine found but the container failed (${message(e)}); trying deploy/local`);
        stillPending.push(service);
      }
    }
    pending = stillPending;
  } else if (pending.length > 0) {
    say(`no Docker engine (${dockerReason}); using deploy/local/services.sh`);
  }

  if (pending.length > 0) {
    let local: LocalResult;
    try {
      local = startLocal(pending);
    } catch (e) {
      local = { records: [], failed: pending, error: message(e) };
    }
    records.push(...local.records);
    for (const r of local.records) {
      if (!local.failed.includes(r.service)) process.env[ENV_VAR[r.service]] = r.address;
    }
    if (pending.includes('kafka') && !local.failed.includes('kafka'))
      Object.assign(process.env, localKafkaSasl());
    failures.push(...local.failed.map((service) => ({ service, why: local.error ?? 'failed' })));
  }

  writeState(records);

  if (failures.length > 0) {
    const missing = failures.map((f) => f.service);
    const text =
      `real services unavailable: ${failures.map((f) => `${f.service}: ${f.why}`).join('; ')}. ` +
      `Set ${missing.map((s) => ENV_VAR[s]).join(' / ')}, start Docker, ` +
      `or fix deploy/local (bash deploy/local/services.sh status; see deploy/local/README.md).`;
    if (process.env.CI === 'true') {
      // Jest skips globalTeardown when globalSetup throws: stop what we started ourselves first.
      await stopStarted(records).catch(() => undefined);
      throw new Error(`[test-services] ${text}`);
    }
    process.env.COC_TEST_SERVICES_MISSING = missing.join(',');
    say(`WARNING ${text} (CI would fail here; tests needing them will fail)`);
    return;
  }

  // Given or started, the services must answer now: a run pointed at nothing stops here, within
  // seconds and with one message, instead of failing test by test for minutes.
  const t0 = performance.now();
  try {
    await checkServices({
      kafkaBrokers: process.env[ENV_VAR.kafka] ?? '',
      clickhouseUrl: process.env[ENV_VAR.clickhouse] ?? '',
    });
  } catch (e) {
    await stopStarted(records).catch(() => undefined);
    throw new Error(`[test-services] ${message(e)}`);
  }
  say(`kafka and clickhouse answer (checked in ${seconds(t0)} s)`);
  provideReaderCredentials();
}
