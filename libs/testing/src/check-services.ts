import { request } from 'node:http';
import { testKafka } from './test-kafka';

/** Addresses as the test variables give them: KAFKA_BROKERS (comma-separated) and CLICKHOUSE_URL. */
export interface ServiceAddresses {
  kafkaBrokers: string;
  clickhouseUrl: string;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

async function kafkaAnswers(brokers: string, timeoutMs: number): Promise<void> {
  // Authenticates as the tests will (KAFKA_SASL_*): a SCRAM broker refuses anything else.
  const admin = testKafka('coc-test-services-check', {
    brokers: brokers.split(','),
    connectionTimeout: Math.min(timeoutMs, 3000),
    requestTimeout: timeoutMs,
    retry: { retries: 1, initialRetryTime: 300 },
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** GET /ping (credentials in the URL become Basic auth, as @clickhouse/client sends them). */
function clickhouseAnswers(url: string, timeoutMs: number): Promise<void> {
  const target = new URL('/ping', url);
  const auth = target.username
    ? `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`
    : undefined;
  target.username = '';
  target.password = '';
  return new Promise((resolve, reject) => {
    const req = request(target, { auth, timeout: timeoutMs }, (res) => {
      res.resume();
      if (res.statusCode === 200) resolve();
      else reject(new Error(`GET /ping answered ${res.statusCode}`));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Checks that the configured Kafka and ClickHouse answer, both at once and within `deadlineMs`,
 * so that a run pointed at nothing stops at set-up with one message naming each service and
 * variable, instead of failing test by test for minutes.
 */
export async function checkServices(addresses: ServiceAddresses, deadlineMs = 20_000): Promise<void> {
  const checks = [
    ['Kafka', 'KAFKA_BROKERS', addresses.kafkaBrokers, kafkaAnswers(addresses.kafkaBrokers, deadlineMs / 2)],
    [
      'ClickHouse',
      'CLICKHOUSE_URL',
      addresses.clickhouseUrl,
      clickhouseAnswers(addresses.clickhouseUrl, deadlineMs / 2),
    ],
  ] as const;
  const outcomes = await Promise.allSettled(
    checks.map(([name, , , work]) => withDeadline(work, deadlineMs, name)),
  );
  const failures = outcomes.flatMap((outcome, i) => {
    if (outcome.status === 'fulfilled') return [];
    const [name, variable, address] = checks[i];
    return [
      `${name} at ${variable}=${address.replace(/\/\/[^@/]*@/, '//***@')} does not answer (${message(outcome.reason)})`,
    ];
  });
  if (failures.length > 0) {
    throw new Error(
      `${failures.join('; ')}. Start the services (bash deploy/local/services.sh start), point the variables at running ones, or unset them to let the test set-up start its own.`,
    );
  }
}
