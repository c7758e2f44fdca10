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

/** A name no other test run uses: for databases, topic prefixes and consumer groups. */
export function uniqueTestId(label: string): string {
  return `${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** Writes a progress line that shows in CI logs even while jest buffers console output. */
export function report(line: string): void {
  process.stdout.write(`${line}\n`);
}
