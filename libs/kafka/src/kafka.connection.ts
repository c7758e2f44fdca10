import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { CompressionTypes, Kafka, logLevel, type Admin, type Message, type Producer } from 'kafkajs';
import { kafkaClientConfig } from './kafka-client-config';
import type { KafkaEnv } from './kafka.env';

const toNestLevel = (level: logLevel): 'error' | 'warn' | 'log' | 'debug' =>
  level === logLevel.ERROR
    ? 'error'
    : level === logLevel.WARN
      ? 'warn'
      : level === logLevel.INFO
        ? 'log'
        : 'debug';

const ENSURE_TOPICS_ATTEMPTS = 5;

export interface TopicMessages {
  topic: string;
  messages: Message[];
}

/**
 * The process's Kafka client, its shared producer, and topic creation. Callers use the logical
 * topic names from @libs/contracts; the configured prefix is applied and removed only here.
 */
export class KafkaConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('kafkajs');
  readonly kafka: Kafka;
  private producer?: Promise<Producer>;

  constructor(readonly env: KafkaEnv) {
    this.kafka = new Kafka({
      ...kafkaClientConfig({ clientId: env.KAFKA_CLIENT_ID, brokers: env.KAFKA_BROKERS, security: env }),
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log }) =>
          this.logger[toNestLevel(level)](`${log.message}${log.error ? `: ${String(log.error)}` : ''}`),
      retry: { initialRetryTime: 300, retries: 8 },
    });
  }

  physicalTopic(topic: string): string {
    return `${this.env.KAFKA_TOPIC_PREFIX}${topic}`;
  }

  logicalTopic(physical: string): string {
    const prefix = this.env.KAFKA_TOPIC_PREFIX;
    return physical.startsWith(prefix) ? physical.slice(prefix.length) : physical;
  }

  /** Resolves once every message is on all in-sync replicas. */
  async produce(batches: TopicMessages[], { compressed = false } = {}): Promise<void> {
    if (batches.every((b) => b.messages.length === 0)) return;
    const producer = await this.sharedProducer();
    await producer.sendBatch({
      acks: -1,
      compression: compressed ? CompressionTypes.GZIP : CompressionTypes.None,
      topicMessages: batches.map((b) => ({ topic: this.physicalTopic(b.topic), messages: b.messages })),
    });
  }

  /**
   * Creates missing topics; subscribing to a missing topic fails on KRaft brokers, so this runs first.
   * Right after a create, the broker kafkajs asks for leaders may not know the topic yet
   * (UNKNOWN_TOPIC_OR_PARTITION, which kafkajs does not retry there): a retriable error is retried.
   */
  async ensureTopics(topics: readonly string[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.createMissingTopics(topics);
      } catch (error) {
        if (attempt >= ENSURE_TOPICS_ATTEMPTS || (error as { retriable?: unknown }).retriable !== true)
          throw error;
        this.logger.warn(`creating topics, attempt ${attempt} failed, retrying: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
  }

  private async createMissingTopics(topics: readonly string[]): Promise<void> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const physical = topics.map((t) => this.physicalTopic(t));
      const existing = new Set(await admin.listTopics());
      const missing = physical.filter((t) => !existing.has(t));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: this.env.KAFKA_TOPIC_PARTITIONS,
            replicationFactor: this.env.KAFKA_REPLICATION_FACTOR,
          })),
        });
        this.logger.log(`created topics ${missing.join(', ')}`);
      }
      // A topic another client created a moment ago (another app, or this app's other consumer)
      // may have no leader yet, and subscribing to it would fail: such an answer is retried.
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: physical });
      const leaderless = metadata.filter((t) => t.partitions.some((p) => p.leader < 0)).map((t) => t.name);
      if (leaderless.length > 0) {
        throw Object.assign(new Error(`no partition leader yet for ${leaderless.join(', ')}`), {
          retriable: true,
        });
      }
    } finally {
      await admin.disconnect();
    }
  }

  /** Idempotent, so a retried send after a lost acknowledgement writes no duplicate. */
  private sharedProducer(): Promise<Producer> {
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
