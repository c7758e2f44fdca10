import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import type { KafkaEnv } from './kafka.env';

const toNestLevel = (level: logLevel): 'error' | 'warn' | 'log' | 'debug' =>
  level === logLevel.ERROR
    ? 'error'
    : level === logLevel.WARN
      ? 'warn'
      : level === logLevel.INFO
        ? 'log'
        : 'debug';

/** The process's Kafka client, its shared producer, and topic creation. */
export class KafkaConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('kafkajs');
  readonly kafka: Kafka;
  private producer?: Promise<Producer>;

  constructor(readonly env: KafkaEnv) {
    this.kafka = new Kafka({
      clientId: env.KAFKA_CLIENT_ID,
      brokers: env.KAFKA_BROKERS,
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log }) =>
          this.logger[toNestLevel(level)](`${log.message}${log.error ? `: ${String(log.error)}` : ''}`),
      retry: { initialRetryTime: 300, retries: 8 },
    });
  }

  /** Creates missing topics; subscribing to a missing topic fails on KRaft brokers, so this runs first. */
  async ensureTopics(topics: readonly string[]): Promise<void> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: this.env.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: this.env.KAFKA_REPLICATION_FACTOR,
        })),
      });
      this.logger.log(`created topics ${missing.join(', ')}`);
    } finally {
      await admin.disconnect();
    }
  }

  /** An idempotent producer that waits for all in-sync replicas: a send resolves only once durable. */
  sharedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      await producer.connect();
      return producer;
    })();
    return this.producer;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.producer) await (await this.producer).disconnect();
  }
}
