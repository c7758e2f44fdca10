import { Option, type Command } from 'commander';
import { HttpTransport, type EventPublisher } from '@libs/connector-sdk';
import { KafkaTransport, type KafkaSecurityEnv } from '@libs/kafka';
import { readSecretFile } from '@libs/platform';
import type { ConnectorCliEnv } from './connector-cli.env';

export interface TransportFlags {
  transport?: 'kafka' | 'http';
  brokers?: string;
  topicPrefix?: string;
  url?: string;
  apiKeyFile?: string;
}

export type TransportConfig =
  | { kind: 'kafka'; brokers: string[]; topicPrefix: string; clientId: string; security: KafkaSecurityEnv }
  | { kind: 'http'; url: string; apiKey: string };

const BROKER = /^[^\s:,]+:\d+$/;

export function addTransportOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--transport <kind>',
        'kafka, or http to post to ingest (default: http when an ingest URL is set)',
      ).choices(['kafka', 'http']),
    )
    .option('--brokers <list>', 'Kafka brokers host:port,… (default: KAFKA_BROKERS)')
    .option('--topic-prefix <prefix>', 'prefix of the Kafka topics (default: KAFKA_TOPIC_PREFIX)')
    .option('--url <url>', 'ingest base URL for --transport http (default: COC_INGEST_URL)')
    .option(
      '--api-key-file <path>',
      'file holding the API key for --transport http (default: COC_API_KEY; never the key itself on the command line)',
    );
}

/**
 * Flags over env, checked before anything is read or sent. Secrets come only from the environment or
 * files (the API key, KAFKA_SASL_PASSWORD[_FILE]): a command line shows in the process list.
 */
export function resolveTransport(flags: TransportFlags, env: ConnectorCliEnv): TransportConfig {
  const url = flags.url ?? env.COC_INGEST_URL;
  const kind = flags.transport ?? (url ? 'http' : 'kafka');
  if (kind === 'http') {
    if (!url) throw new Error('--transport http needs --url or COC_INGEST_URL');
    if (!/^https?:\/\/[^/]/.test(url)) throw new Error(`--url must be an http(s) URL, got ${url}`);
    const apiKey = flags.apiKeyFile ? readSecretFile('--api-key-file', flags.apiKeyFile) : env.COC_API_KEY;
    if (!apiKey) throw new Error('--transport http needs --api-key-file or COC_API_KEY');
    return { kind, url, apiKey };
  }
  const brokers = flags.brokers
    ? flags.brokers
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean)
    : (env.KAFKA_BROKERS ?? []);
  if (brokers.length === 0) throw new Error('--transport kafka needs --brokers or KAFKA_BROKERS');
  const wrong = brokers.find((b) => !BROKER.test(b));
  if (wrong) throw new Error(`brokers must be host:port, got ${wrong}`);
  const topicPrefix = flags.topicPrefix ?? env.KAFKA_TOPIC_PREFIX;
  if (!/^[A-Za-z0-9._-]*$/.test(topicPrefix))
    throw new Error('--topic-prefix may use letters, digits, . _ -');
  return { kind, brokers, topicPrefix, clientId: env.KAFKA_CLIENT_ID, security: env };
}

export function describeTransport(config: TransportConfig): string {
  return config.kind === 'kafka'
    ? `kafka ${config.brokers.join(',')}${config.topicPrefix ? ` (topic prefix ${config.topicPrefix})` : ''}`
    : `http ${config.url}`;
}

export function createTransport(config: TransportConfig, warn: (line: string) => void): EventPublisher {
  return config.kind === 'kafka'
    ? new KafkaTransport({
        brokers: config.brokers,
        topicPrefix: config.topicPrefix,
        clientId: config.clientId,
        security: config.security,
        log: warn,
      })
    : new HttpTransport({
        url: config.url,
        apiKey: config.apiKey,
        onRetry: ({ attempt, delayMs, reason }) =>
          warn(`ingest unavailable (${reason}); retry ${attempt} in ${delayMs} ms`),
      });
}
