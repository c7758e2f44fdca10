import { Kafka, Partitioners, logLevel, type Message, type Producer } from 'kafkajs';
import { sourceTopic, type EventEnvelope } from '@libs/contracts';
import type { EventPublisher, PublishedBatch } from '@libs/connector-sdk';
import { kafkaClientConfig } from './kafka-client-config';
import { KafkaSecurityEnv } from './kafka-security.env';

export interface KafkaTransportOptions {
  brokers: readonly string[];
  clientId?: string;
  /** Prepended to every topic name, as KAFKA_TOPIC_PREFIX is on the ingest side. */
  topicPrefix?: string;
  /** SASL/TLS, usually `loadEnv(KafkaSecurityEnv)`; omitted: neither. */
  security?: KafkaSecurityEnv;
  /** Where kafkajs warnings and errors go; the default is stderr, so stdout stays clean for data. */
  log?: (line: string) => void;
}

const writeStderr = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/**
 * Retries are bounded on purpose, so that a connector fails instead of hanging; kafkajs warns that
 * this weakens exactly-once, which COC Stream does not rely on (event ids make redelivery harmless).
 */
const BOUNDED_RETRIES_WARNING = 'Limiting retries for the idempotent producer';

/**
 * Publishes straight to the source topics. Keys are unit codes, so one commune's events keep their
 * order within a partition; the producer is idempotent and waits for all in-sync replicas.
 * Topics are created by ingest, never here: a missing topic is an error, not a new topic.
 */
export class KafkaTransport implements EventPublisher {
  private readonly kafka: Kafka;
  private readonly topicPrefix: string;
  private producer?: Promise<Producer>;
  private readonly knownTopics = new Set<string>();

  constructor(options: KafkaTransportOptions) {
    const log = options.log ?? writeStderr;
    this.topicPrefix = options.topicPrefix ?? '';
    this.kafka = new Kafka({
      ...kafkaClientConfig({
        clientId: options.clientId ?? 'coc-connector',
        brokers: options.brokers,
        security: options.security ?? new KafkaSecurityEnv(),
      }),
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log: entry }) => {
          if (entry.message.startsWith(BOUNDED_RETRIES_WARNING)) return;
          const cause = entry.error ? `: ${String(entry.error)}` : '';
          log(`kafkajs ${level === logLevel.ERROR ? 'error' : 'warn'}: ${entry.message}${cause}`);
        },
      retry: { initialRetryTime: 300, retries: 8 },
    });
  }

  topicOf(event: EventEnvelope<object>): string {
    return `${this.topicPrefix}${sourceTopic(event.source)}`;
  }

  async publish(events: readonly EventEnvelope<object>[]): Promise<PublishedBatch> {
    if (events.length === 0) return { rejected: [] };
    const byTopic = new Map<string, Message[]>();
    for (const event of events) {
      const topic = this.topicOf(event);
      const messages = byTopic.get(topic) ?? [];
      messages.push({ key: event.unitCode, value: JSON.stringify(event) });
      byTopic.set(topic, messages);
    }
    await this.checkTopics([...byTopic.keys()]);
    const producer = await this.connectedProducer();
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    return { rejected: [] };
  }

  async close(): Promise<void> {
    if (!this.producer) return;
    const producer = await this.producer;
    this.producer = undefined;
    await producer.disconnect();
  }

  /**
   * Fails fast, and says why, when a topic is missing: the producer would otherwise retry its
   * metadata requests for a minute and end with "This server does not host this topic-partition".
   */
  private async checkTopics(topics: string[]): Promise<void> {
    const unknown = topics.filter((t) => !this.knownTopics.has(t));
    if (unknown.length === 0) return;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = unknown.filter((t) => !existing.has(t));
      if (missing.length > 0) {
        throw new Error(
          `Kafka ${missing.length === 1 ? 'topic' : 'topics'} ${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist: ingest creates the topics when it starts; check the topic prefix (--topic-prefix / KAFKA_TOPIC_PREFIX)`,
        );
      }
      unknown.forEach((t) => this.knownTopics.add(t));
    } finally {
      await admin.disconnect();
    }
  }

  /** Idempotent, so a retried send after a lost acknowledgement writes no duplicate. */
  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        // Java-compatible murmur2, as every kafkajs v2 producer uses; naming it silences its warning.
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })();
    // A failed connect must not stick: the next publish tries again.
    this.producer.catch(() => {
      this.producer = undefined;
    });
    return this.producer;
  }
}
