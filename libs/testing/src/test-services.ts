import { randomBytes } from 'node:crypto';

/** Addresses of the real Kafka and ClickHouse the jest global setup provided. */
export function testServices(): { kafkaBrokers: string[]; clickhouseUrl: string } {
  const kafka = process.env.KAFKA_BROKERS;
  const clickhouse = process.env.CLICKHOUSE_URL;
  if (!kafka || !clickhouse) {
    throw new Error('KAFKA_BROKERS and CLICKHOUSE_URL must be set (the jest global setup provides them)');
  }
  return { kafkaBrokers: kafka.split(','), clickhouseUrl: clickhouse };
}

/**
 * The ClickHouse credentials coc-gateway runs with in every test: the read-only user of the
 * deployment (`deploy/local/services.sh env` prints CLICKHOUSE_READER_USER / _PASSWORD).
 */
export function gatewayClickHouseEnv(): { CLICKHOUSE_USER: string; CLICKHOUSE_PASSWORD: string } {
  const user = process.env.CLICKHOUSE_READER_USER;
  const password = process.env.CLICKHOUSE_READER_PASSWORD;
  if (!user || password === undefined) {
    throw new Error(
      'CLICKHOUSE_READER_USER and CLICKHOUSE_READER_PASSWORD must be set: coc-gateway runs as the read-only ' +
        'ClickHouse user in every test (deploy/local/services.sh env prints them; `services.sh start clickhouse` ' +
        'adds the user to a running server)',
    );
  }
  return { CLICKHOUSE_USER: user, CLICKHOUSE_PASSWORD: password };
}

/** A name no other test run uses: for databases, topic prefixes and consumer groups. */
export function uniqueTestId(label: string): string {
  return `${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** Writes a progress line that shows in CI logs even while jest buffers console output. */
export function report(line: string): void {
  process.stdout.write(`${line}\n`);
}
