import type { PartitionOffsets } from './consumer-progress';

/**
 * The event bus the apps publish to and consume from: Kafka in server mode, the durable
 * in-process log in the embedded mode. Topics are the logical names of @libs/contracts.
 */
export const EVENT_BUS = Symbol('EVENT_BUS');

/** One record to publish. Keys decide the partition, so one key's records keep their order. */
export interface OutgoingMessage {
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers?: Record<string, string>;
}

export interface TopicMessages {
  topic: string;
  messages: OutgoingMessage[];
}

/** One record as consumed, without any adapter's types. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, string>;
}

/**
 * Handles one batch of one partition. Resolving means every record is durably handled
 * (stored, or dead-lettered with a reason); throwing means nothing was, and the batch is retried.
 */
export type BatchHandler = (records: ConsumedRecord[]) => Promise<void>;

export interface GroupConsumerOptions {
  groupId: string;
  topics: readonly string[];
  /** Where a group with no committed offset starts: the oldest record, or the next one published. */
  fromBeginning: boolean;
  /** A batch is handed over once this many bytes are ready or maxWaitMs passes: the batch thresholds. */
  minBytes: number;
  maxWaitMs: number;
  maxBytesPerPartition: number;
  partitionsConsumedConcurrently: number;
  /**
   * Kafka: batches of one partition handled at once while it has a backlog (a batch of at least half
   * maxBytesPerPartition; default 1). Above 1 the next fetch overlaps the stores of the batches
   * before it; offsets are still committed in order, each only once every earlier batch of its
   * partition is. The embedded bus handles one at a time.
   */
  batchesInFlightPerPartition?: number;
  retryInitialMs: number;
  retryMaxMs: number;
  /** Kafka: without a heartbeat for this long the broker drops the member (default 30 s). */
  sessionTimeoutMs?: number;
  /** Kafka: default a fifth of the session timeout, at most 3 s (the kafkajs default). */
  heartbeatIntervalMs?: number;
}

export type ConsumerState = 'starting' | 'consuming' | 'retrying' | 'stopped';

export interface ConsumerHealth {
  state: ConsumerState;
  groupId: string;
  consecutiveFailures: number;
  lastError?: string;
  lastErrorAt?: string;
  lastCommitAt?: string;
  /** Partitions whose current batch is being retried, as topic[partition]. */
  retryingPartitions?: string[];
}

/**
 * A member of a consumer group: offsets are committed only after the handler resolved for the
 * whole batch; a failing batch is retried with capped back-off for as long as it fails.
 */
export interface GroupConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  health(): ConsumerHealth;
}

export interface PublishOptions {
  /** A hint for large, rarely read records (dead letters, audit); a bus may ignore it. */
  compressed?: boolean;
}

export interface EventBus {
  /** Resolves once every message is durable (Kafka: on all in-sync replicas; embedded: fsynced). */
  publish(batches: readonly TopicMessages[], options?: PublishOptions): Promise<void>;
  /** Creates missing topics; publishing to or consuming a missing topic fails. */
  ensureTopics(topics: readonly string[]): Promise<void>;
  groupConsumer(options: GroupConsumerOptions, handler: BatchHandler): GroupConsumer;
  /** Where a group has committed against where each partition's log ends: its lag. */
  groupOffsets(groupId: string, topics: readonly string[]): Promise<PartitionOffsets[]>;
}
