import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { KafkaSecurityEnv, kafkaClientConfig } from '@libs/kafka';
import { loadEnv } from '@libs/platform';

const SECURITY_VARIABLE = /^KAFKA_(SASL_|SSL)/;

/**
 * The SASL/TLS settings of the test run, read from the same variables as the apps read
 * (KafkaSecurityEnv): the jest global setup passes on those of the local SCRAM broker; a broker
 * given from outside without them (or a testcontainers one) is used without SASL.
 */
export function testKafkaSecurity(source: NodeJS.ProcessEnv = process.env): KafkaSecurityEnv {
  return loadEnv(KafkaSecurityEnv, source);
}

/** Those settings as variables, for a child process started with an environment of its own. */
export function testKafkaSecurityVars(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(source).filter(
      (entry): entry is [string, string] => SECURITY_VARIABLE.test(entry[0]) && entry[1] !== undefined,
    ),
  );
}

/**
 * A kafkajs client of the test's broker, authenticating as the apps do. `brokers` defaults to
 * KAFKA_BROKERS; `overrides` win (a test of refused credentials passes its own `sasl`).
 */
export function testKafka(
  clientId: string,
  { brokers, ...overrides }: Partial<KafkaConfig> & { brokers?: string[] } = {},
): Kafka {
  const given = brokers ?? (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (given.length === 0) throw new Error('KAFKA_BROKERS must be set (the jest global setup provides it)');
  return new Kafka({
    ...kafkaClientConfig({ clientId, brokers: given, security: testKafkaSecurity() }),
    logLevel: logLevel.NOTHING,
    ...overrides,
  });
}
