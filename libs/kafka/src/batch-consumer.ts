import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { backoffDelay } from './backoff';
import type { KafkaConnection } from './kafka.connection';

/** One Kafka record as the domain sees it, without kafkajs types. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
}

/**
 * Handles one fetched batch of one partition. Resolving means every record is durably handled
 * (stored, or dead-lettered with a reason); throwing means nothing was, and the batch is retried.
 */
export type BatchHandler = (records: ConsumedRecord[]) => Promise<void>;

export interface BatchConsumerOptions {
  groupId: string;
  topics: readonly string[];
  fromBeginning: boolean;
  /** The broker holds a fetch until this many bytes are ready or maxWaitMs passes: the batch thresholds. */
  minBytes: number;
  maxWaitMs: number;
  maxBytesPerPartition: number;
  partitionsConsumedConcurrently: number;
  retryInitialMs: number;
  retryMaxMs: number;
}

export type ConsumerState = 'starting' | 'consuming' | 'retrying' | 'stopped';

export interface ConsumerHealth {
  state: ConsumerState;
  groupId: string;
  consecutiveFailures: number;
  lastError?: string;
  lastCommitAt?: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs kafkajs eachBatch with offsets under our control: a partition's offset is committed only
 * after the handler resolved for the whole batch. Handler failures (infrastructure: ClickHouse or
 * Kafka down) are retried with back-off while the group membership is kept alive by heartbeats.
 */
export class BatchConsumer {
  private readonly logger: Logger;
  private consumer?: Consumer;
  private health: ConsumerHealth;

  constructor(
    private readonly connection: KafkaConnection,
    private readonly options: BatchConsumerOptions,
    private readonly handle: BatchHandler,
  ) {
    this.logger = new Logger(`BatchConsumer:${options.groupId}`);
    this.health = { state: 'starting', groupId: options.groupId, consecutiveFailures: 0 };
  }

  getHealth(): ConsumerHealth {
    return { ...this.health };
  }

  async start(): Promise<void> {
    const o = this.options;
    const consumer = this.connection.kafka.consumer({
      groupId: o.groupId,
      minBytes: o.minBytes,
      maxWaitTimeInMs: o.maxWaitMs,
      maxBytesPerPartition: o.maxBytesPerPartition,
      allowAutoTopicCreation: false,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 30_000 },
    });
    this.consumer = consumer;
    // "consuming" only once partitions are assigned: a new group reading from the latest offset
    // would miss whatever is published before that.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (this.health.state === 'starting') this.health.state = 'consuming';
    });
    await consumer.connect();
    await consumer.subscribe({
      topics: o.topics.map((t) => this.connection.physicalTopic(t)),
      fromBeginning: o.fromBeginning,
    });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: o.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.onBatch(consumer, payload),
    });
  }

  async stop(): Promise<void> {
    this.health.state = 'stopped';
    await this.consumer?.disconnect();
  }

  private async onBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const stopping = () => !payload.isRunning() || payload.isStale();
    if (batch.messages.length === 0) return;
    const topic = this.connection.logicalTopic(batch.topic);
    const records = batch.messages.map((m): ConsumedRecord => ({
      topic,
      partition: batch.partition,
      offset: m.offset,
      key: m.key,
      value: m.value,
    }));
    for (let attempt = 1; ; attempt++) {
      if (stopping()) return;
      try {
        await this.handle(records);
        break;
      } catch (error) {
        const delay = backoffDelay(attempt, this.options.retryInitialMs, this.options.retryMaxMs);
        this.health = {
          ...this.health,
          state: 'retrying',
          consecutiveFailures: attempt,
          lastError: error instanceof Error ? error.message : String(error),
        };
        this.logger.warn(
          `batch ${batch.topic}[${batch.partition}]@${batch.firstOffset()} failed (attempt ${attempt}), retrying in ${delay} ms: ${this.health.lastError}`,
        );
        await sleep(delay);
        await payload.heartbeat();
      }
    }
    if (stopping()) return;
    const last = batch.lastOffset();
    payload.resolveOffset(last);
    await consumer.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
    ]);
    this.health = {
      ...this.health,
      state: 'consuming',
      consecutiveFailures: 0,
      lastCommitAt: new Date().toISOString(),
    };
    await payload.heartbeat();
  }
}
