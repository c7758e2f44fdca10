import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { backoffDelay } from '@libs/platform';
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
  /** Without a heartbeat for this long the broker drops the member and reassigns its partitions (default 30 s). */
  sessionTimeoutMs?: number;
  /** Default: a fifth of the session timeout, at most 3 s (the kafkajs default). */
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

interface Failure {
  attempts: number;
  error: string;
}

const DEFAULT_SESSION_TIMEOUT_MS = 30_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

type Attempt = { ok: true } | { ok: false; error: unknown };

/**
 * Runs kafkajs eachBatch with offsets under our control: a partition's offset is committed only
 * after the handler resolved for the whole batch. Handler failures (infrastructure: ClickHouse or
 * Kafka down) are retried with capped back-off for as long as they last, heartbeating throughout
 * (during the handler call and the sleeps between attempts), so the group keeps the member and its
 * partitions. A failed heartbeat (the group is rebalancing) is thrown to kafkajs, which rejoins;
 * the uncommitted batch is then delivered again, to this member or another.
 *
 * Retrying inside eachBatch rather than pausing the partition keeps the batch in memory (no
 * re-fetch per attempt) and leaves a single place where offsets move.
 */
export class BatchConsumer {
  private readonly logger: Logger;
  private readonly heartbeatIntervalMs: number;
  private readonly sessionTimeoutMs: number;
  private consumer?: Consumer;
  private joined = false;
  private stopped = false;
  private lastError?: { message: string; at: string };
  private lastCommitAt?: string;
  private readonly failing = new Map<string, Failure>();

  constructor(
    private readonly connection: KafkaConnection,
    private readonly options: BatchConsumerOptions,
    private readonly handle: BatchHandler,
  ) {
    this.logger = new Logger(`BatchConsumer:${options.groupId}`);
    this.sessionTimeoutMs = options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
    this.heartbeatIntervalMs =
      options.heartbeatIntervalMs ?? Math.min(3000, Math.floor(this.sessionTimeoutMs / 5));
  }

  getHealth(): ConsumerHealth {
    const failures = [...this.failing.values()];
    const state: ConsumerState = this.stopped
      ? 'stopped'
      : !this.joined
        ? 'starting'
        : failures.length > 0
          ? 'retrying'
          : 'consuming';
    return {
      state,
      groupId: this.options.groupId,
      consecutiveFailures: Math.max(0, ...failures.map((f) => f.attempts)),
      ...(this.lastError && { lastError: this.lastError.message, lastErrorAt: this.lastError.at }),
      ...(this.lastCommitAt && { lastCommitAt: this.lastCommitAt }),
      ...(failures.length > 0 && { retryingPartitions: [...this.failing.keys()].sort() }),
    };
  }

  async start(): Promise<void> {
    const o = this.options;
    const consumer = this.connection.kafka.consumer({
      groupId: o.groupId,
      minBytes: o.minBytes,
      maxWaitTimeInMs: o.maxWaitMs,
      maxBytesPerPartition: o.maxBytesPerPartition,
      sessionTimeout: this.sessionTimeoutMs,
      heartbeatInterval: this.heartbeatIntervalMs,
      allowAutoTopicCreation: false,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 30_000 },
    });
    this.consumer = consumer;
    // "consuming" only once partitions are assigned: a new group reading from the latest offset
    // would miss whatever is published before that.
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.joined = true;
      this.forgetUnassigned(payload.memberAssignment);
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
    this.stopped = true;
    await this.consumer?.disconnect();
  }

  /** A partition that moved to another member is no longer ours to report as failing. */
  private forgetUnassigned(assignment: Record<string, number[]>): void {
    for (const key of [...this.failing.keys()]) {
      const [, topic, partition] = /^(.*)\[(\d+)\]$/.exec(key) ?? [];
      if (!assignment[topic]?.includes(Number(partition))) this.failing.delete(key);
    }
  }

  private async onBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const stopping = () => !payload.isRunning() || payload.isStale();
    if (batch.messages.length === 0) return;
    const key = `${batch.topic}[${batch.partition}]`;
    const records = batch.messages.map((m): ConsumedRecord => ({
      topic: this.connection.logicalTopic(batch.topic),
      partition: batch.partition,
      offset: m.offset,
      key: m.key,
      value: m.value,
    }));
    for (let attempt = 1; ; attempt++) {
      if (stopping()) return;
      const result = await this.attemptHeartbeating(payload, records);
      if (result.ok) break;
      const delay = backoffDelay(attempt, this.options.retryInitialMs, this.options.retryMaxMs);
      const message = errorMessage(result.error);
      this.failing.set(key, { attempts: attempt, error: message });
      this.lastError = { message, at: new Date().toISOString() };
      this.logger.warn(
        `batch ${key}@${batch.firstOffset()} failed (attempt ${attempt}), retrying in ${delay} ms: ${message}`,
      );
      await this.sleepHeartbeating(payload, delay, stopping);
    }
    if (stopping()) return;
    const last = batch.lastOffset();
    payload.resolveOffset(last);
    await consumer.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
    ]);
    this.failing.delete(key);
    this.lastCommitAt = new Date().toISOString();
    await payload.heartbeat();
  }

  /**
   * One handler call with heartbeats alongside it, so a slow or hanging store (up to its request
   * timeout) cannot outlast the session. Handler errors are returned; heartbeat errors are thrown
   * once the handler has settled, so kafkajs rejoins without committing anything.
   */
  private async attemptHeartbeating(payload: EachBatchPayload, records: ConsumedRecord[]): Promise<Attempt> {
    let heartbeatError: { error: unknown } | undefined;
    let beat: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      beat = beat.then(() =>
        payload.heartbeat().catch((error: unknown) => {
          heartbeatError ??= { error };
        }),
      );
    }, this.heartbeatIntervalMs);
    let result: Attempt;
    try {
      await this.handle(records);
      result = { ok: true };
    } catch (error) {
      result = { ok: false, error };
    } finally {
      clearInterval(timer);
    }
    await beat;
    if (heartbeatError) throw heartbeatError.error;
    return result;
  }

  /** Waits before the next attempt in heartbeat-sized slices; a failed heartbeat propagates to kafkajs. */
  private async sleepHeartbeating(
    payload: EachBatchPayload,
    ms: number,
    stopping: () => boolean,
  ): Promise<void> {
    const until = Date.now() + ms;
    for (let left = ms; left > 0 && !stopping(); left = until - Date.now()) {
      await sleep(Math.min(left, this.heartbeatIntervalMs));
      await payload.heartbeat();
    }
  }
}
