import type { Consumer, EachBatchPayload, IHeaders, Kafka } from 'kafkajs';
import {
  BatchDelivery,
  type BatchHandler,
  type ConsumedRecord,
  type ConsumerHealth,
  type GroupConsumer,
  type GroupConsumerOptions,
} from '@libs/event-bus-port';

const DEFAULT_SESSION_TIMEOUT_MS = 30_000;

/** The topic names this consumer sees: logical in the handler, physical (prefixed) on the wire. */
export interface TopicNames {
  physicalTopic(topic: string): string;
  logicalTopic(physical: string): string;
}

/** Header values as text: COC Stream writes only strings (dead-letter reasons, origins). */
function textHeaders(headers: IHeaders | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const entries = Object.entries(headers).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, (Array.isArray(value) ? value[0] : value).toString()] as const],
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * A group member on kafkajs eachBatch with offsets under our control: a partition's offset is
 * committed only after the handler resolved for the whole batch (BatchDelivery retries until then).
 * Heartbeats go on throughout (during the handler call and the back-off), so the group keeps the
 * member and its partitions. A failed heartbeat (the group is rebalancing) is thrown to kafkajs,
 * which rejoins; the uncommitted batch is then delivered again, to this member or another.
 */
export class KafkaGroupConsumer implements GroupConsumer {
  private readonly heartbeatIntervalMs: number;
  private readonly sessionTimeoutMs: number;
  private readonly delivery: BatchDelivery;
  private consumer?: Consumer;
  private joined = false;
  private stopped = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly names: TopicNames,
    private readonly options: GroupConsumerOptions,
    handler: BatchHandler,
  ) {
    this.sessionTimeoutMs = options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
    this.heartbeatIntervalMs =
      options.heartbeatIntervalMs ?? Math.min(3000, Math.floor(this.sessionTimeoutMs / 5));
    this.delivery = new BatchDelivery(options.groupId, options, handler);
  }

  health(): ConsumerHealth {
    return this.delivery.health(this.stopped ? 'stopped' : this.joined ? 'running' : 'starting');
  }

  async start(): Promise<void> {
    const o = this.options;
    const consumer = this.kafka.consumer({
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
      const assignment = payload.memberAssignment;
      this.delivery.forgetUnless((key) => {
        const [, topic, partition] = /^(.*)\[(\d+)\]$/.exec(key) ?? [];
        return assignment[topic]?.includes(Number(partition)) ?? false;
      });
    });
    await consumer.connect();
    await consumer.subscribe({
      topics: o.topics.map((t) => this.names.physicalTopic(t)),
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

  private async onBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const partition = `${batch.topic}[${batch.partition}]`;
    const handled = await this.delivery.deliver({
      partition,
      records: batch.messages.map((m): ConsumedRecord => ({
        topic: this.names.logicalTopic(batch.topic),
        partition: batch.partition,
        offset: m.offset,
        key: m.key,
        value: m.value,
        headers: textHeaders(m.headers),
      })),
      stopping: () => !payload.isRunning() || payload.isStale(),
      keepAlive: { intervalMs: this.heartbeatIntervalMs, beat: () => payload.heartbeat() },
    });
    if (!handled) return;
    const last = batch.lastOffset();
    payload.resolveOffset(last);
    await consumer.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
    ]);
    this.delivery.committed(partition);
    await payload.heartbeat();
  }
}
