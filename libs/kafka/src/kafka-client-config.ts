import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { readSecretFile } from '@libs/platform';
import type { KafkaSecurityEnv } from './kafka-security.env';

export interface KafkaClientSettings {
  clientId: string;
  brokers: readonly string[];
  security: KafkaSecurityEnv;
}

function sasl(security: KafkaSecurityEnv): SASLOptions | undefined {
  const mechanism = security.KAFKA_SASL_MECHANISM;
  if (mechanism === undefined) return undefined;
  const username = security.KAFKA_SASL_USERNAME ?? '';
  const password =
    security.KAFKA_SASL_PASSWORD_FILE === undefined
      ? (security.KAFKA_SASL_PASSWORD ?? '')
      : readSecretFile('KAFKA_SASL_PASSWORD_FILE', security.KAFKA_SASL_PASSWORD_FILE);
  return { mechanism, username, password };
}

function ssl(security: KafkaSecurityEnv): KafkaConfig['ssl'] {
  if (!security.KAFKA_SSL) return undefined;
  const caFile = security.KAFKA_SSL_CA_FILE;
  if (caFile === undefined) return true;
  return { ca: [readSecretFile('KAFKA_SSL_CA_FILE', caFile)] };
}

/**
 * The kafkajs client settings every Kafka client of COC Stream starts from: brokers, client id and
 * the SASL/TLS settings of KafkaSecurityEnv, with its files read now, so that a missing or unreadable
 * one stops the process at start-up, naming the variable. Callers add logging and retries.
 */
export function kafkaClientConfig({ clientId, brokers, security }: KafkaClientSettings): KafkaConfig {
  const config: KafkaConfig = { clientId, brokers: [...brokers] };
  const saslOptions = sasl(security);
  const sslOptions = ssl(security);
  if (saslOptions) config.sasl = saslOptions;
  if (sslOptions) config.ssl = sslOptions;
  return config;
}
