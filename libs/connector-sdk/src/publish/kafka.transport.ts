import { Kafka, logLevel, type Message, type Producer } from 'kafkajs';
import { sourceTopic, type EventEnvelope } from '@libs/contracts';
import type { EventPublisher, PublishedBatch } from './event-publisher.port';

export interface KafkaTransportOptions {
  brokers: readonly string[];
  clientId?: string;
  /** Prepended to every topic name, as KAFKA_TOPIC_PREFIX is on the ingest side. */
  topicPrefix?: string;
  /** Where kafkajs warnings and errors go; the default is stderr, so stdout stays clean for data. */
  log?: (line: string) => void;
}

const writeStderr = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/**
 * Publishes straight to the source topics. Keys are unit codes, so one commune's events keep their
 * order within a partition; the producer is idempotent and waits for all in-sync replicas.
 * Topics are created by ingest, never here: a missing topic is an error, not a new topic.
 */
export class KafkaTransport implements EventPublisher {
  private readonly kafka: Kafka;
  private readonly topicPrefix: string;
  private producer?: Promise<Producer>;

  constructor(options: KafkaTransportOptions) {
    const log = options.log ?? writeStderr;
    this.topicPrefix = options.topicPrefix ?? '';
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'coc-connector',
      brokers: [...options.brokers],
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log: entry }) =>
          log(
            `kafkajs ${level === logLevel.ERROR ? 'error' : 'warn'}: ${entry.message}${
              entry.error ? `: ${String(entry.error)}` : ''
            }`,
          ),
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

  /** Idempotent, so a retried send after a lost acknowledgement writes no duplicate. */
  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
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
