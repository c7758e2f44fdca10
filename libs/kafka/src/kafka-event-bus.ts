import { Logger } from '@nestjs/common';
import { CompressionTypes, Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import type {
  BatchHandler,
  EventBus,
  GroupConsumer,
  GroupConsumerOptions,
  OutgoingMessage,
  PartitionOffsets,
  PublishOptions,
  TopicMessages,
} from '@libs/event-bus-port';
import { chunkByBytes, PRODUCE_BUDGET_BYTES, RECORD_OVERHEAD_BYTES } from './chunk-by-bytes';
import { kafkaClientConfig } from './kafka-client-config';
import { KafkaGroupConsumer } from './kafka-group-consumer';
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

const byteLength = (data: string | Buffer | null) =>
  data === null ? 0 : typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.length;

const sizeOf = ({ message }: { message: OutgoingMessage }) =>
  byteLength(message.key) +
  byteLength(message.value) +
  Object.entries(message.headers ?? {}).reduce((sum, [k, v]) => sum + k.length + byteLength(v), 0) +
  RECORD_OVERHEAD_BYTES;

/**
 * The event bus on Kafka: the process's client, its shared producer, topic creation, group
 * consumers and their offsets. Callers use the logical topic names from @libs/contracts; the
 * configured prefix is applied and removed only here.
 */
export class KafkaEventBus implements EventBus {
  private readonly logger = new Logger('kafkajs');
  readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private offsetsAdmin?: Promise<Admin>;

  constructor(readonly env: KafkaEnv) {
    if (!env.KAFKA_BROKERS)
      throw new Error('KAFKA_BROKERS is not set: the Kafka event bus needs its brokers');
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

  /**
   * Resolves once every message is on all in-sync replicas. Sent in requests of at most
   * PRODUCE_BUDGET_BYTES, so that none exceeds the broker's message.max.bytes.
   */
  async publish(
    batches: readonly TopicMessages[],
    { compressed = false }: PublishOptions = {},
  ): Promise<void> {
    const messages = batches.flatMap((b) => b.messages.map((message) => ({ topic: b.topic, message })));
    if (messages.length === 0) return;
    const producer = await this.sharedProducer();
    for (const chunk of chunkByBytes(messages, sizeOf, PRODUCE_BUDGET_BYTES)) {
      const byTopic = new Map<string, OutgoingMessage[]>();
      for (const { topic, message } of chunk) byTopic.set(topic, [...(byTopic.get(topic) ?? []), message]);
      await producer.sendBatch({
        acks: -1,
        compression: compressed ? CompressionTypes.GZIP : CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, topicMessages]) => ({
          topic: this.physicalTopic(topic),
          messages: topicMessages,
        })),
      });
    }
  }

  groupConsumer(options: GroupConsumerOptions, handler: BatchHandler): GroupConsumer {
    return new KafkaGroupConsumer(this.kafka, this, options, handler);
  }

  /** Sampled with one admin client kept connected, so that a monitor's polls open no connections. */
  async groupOffsets(groupId: string, topics: readonly string[]): Promise<PartitionOffsets[]> {
    const admin = await this.connectedOffsetsAdmin();
    const physical = topics.map((t) => this.physicalTopic(t));
    const committed = await admin.fetchOffsets({ groupId, topics: physical });
    const ends = await Promise.all(
      physical.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) })),
    );
    const committedAt = new Map(
      committed.flatMap((t) =>
        t.partitions.map((p) => [`${t.topic}[${p.partition}]`, Number(p.offset)] as const),
      ),
    );
    return ends.flatMap(({ topic, offsets }) =>
      offsets.map((p) => ({
        topic: this.logicalTopic(topic),
        partition: p.partition,
        committed: committedAt.get(`${topic}[${p.partition}]`) ?? -1,
        logStart: Number(p.low),
        logEnd: Number(p.high),
      })),
    );
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

  /** A failed connect must not stick: the next sample tries again. */
  private connectedOffsetsAdmin(): Promise<Admin> {
    this.offsetsAdmin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    this.offsetsAdmin.catch(() => {
      this.offsetsAdmin = undefined;
    });
    return this.offsetsAdmin;
  }

  async close(): Promise<void> {
    if (this.offsetsAdmin) await (await this.offsetsAdmin).disconnect();
    if (this.producer) await (await this.producer).disconnect();
  }
}
