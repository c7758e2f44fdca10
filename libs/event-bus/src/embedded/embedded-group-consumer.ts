import { Logger } from '@nestjs/common';
import {
  BatchDelivery,
  type BatchHandler,
  type ConsumedRecord,
  type ConsumerHealth,
  type GroupConsumer,
  type GroupConsumerOptions,
} from '@libs/event-bus-port';
import type { GroupOffsets } from './group-offsets';
import type { LogRecord } from './log-record';
import type { Cursor, ReadResult, TopicLog } from './topic-log';

/** What the consumer needs of the bus: the topics' logs and the group's offsets. */
export interface ConsumerSources {
  topic(name: string): Promise<TopicLog>;
  group(groupId: string): Promise<GroupOffsets>;
}

/** The embedded bus has one partition per topic. */
const PARTITION = 0;

const consumed = (topic: string, r: LogRecord): ConsumedRecord => ({
  topic,
  partition: PARTITION,
  offset: String(r.offset),
  key: r.key,
  value: r.value,
  headers: r.headers,
});

/** Lets at most `permits` topics hand a batch to the handler at once. */
class Permits {
  private readonly queue: (() => void)[] = [];

  constructor(private free: number) {}

  async use<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.free++;
    }
  }
}

/**
 * The only member of its group (the data directory admits one process): one loop per topic reads
 * from the committed offset, hands batches to BatchDelivery (retried until handled), commits, and
 * sleeps until the next publish wakes it: no polling.
 */
export class EmbeddedGroupConsumer implements GroupConsumer {
  private readonly logger: Logger;
  private readonly delivery: BatchDelivery;
  private readonly permits: Permits;
  private readonly wakeups = new Set<() => void>();
  private loops: Promise<void>[] = [];
  private phase: 'starting' | 'running' | 'stopped' = 'starting';

  constructor(
    private readonly sources: ConsumerSources,
    private readonly options: GroupConsumerOptions,
    handler: BatchHandler,
  ) {
    this.logger = new Logger(`GroupConsumer:${options.groupId}`);
    this.delivery = new BatchDelivery(options.groupId, options, handler);
    this.permits = new Permits(Math.max(1, options.partitionsConsumedConcurrently));
  }

  health(): ConsumerHealth {
    return this.delivery.health(this.phase);
  }

  async start(): Promise<void> {
    const group = await this.sources.group(this.options.groupId);
    const logs = await Promise.all(this.options.topics.map((t) => this.sources.topic(t)));
    const starts = await Promise.all(
      logs.map((log) => {
        const committed = group.committed(log.topic);
        return log.seek(committed ?? (this.options.fromBeginning ? log.startOffset : log.endOffset));
      }),
    );
    this.phase = 'running';
    this.loops = logs.map((log, i) => this.consume(log, group, starts[i]));
  }

  async stop(): Promise<void> {
    if (this.phase === 'stopped') return;
    this.phase = 'stopped';
    for (const wake of [...this.wakeups]) wake();
    await Promise.all(this.loops);
  }

  private get stopped(): boolean {
    return this.phase === 'stopped';
  }

  /** Never rejects: a read or commit failure (disk) is logged and retried after a back-off. */
  private async consume(log: TopicLog, group: GroupOffsets, start: Cursor): Promise<void> {
    const partition = `${log.topic}[${PARTITION}]`;
    let cursor = start;
    while (!this.stopped) {
      try {
        const batch = await this.nextBatch(log, cursor);
        if (!batch) continue;
        const handled = await this.permits.use(() =>
          this.delivery.deliver({
            partition,
            records: batch.records.map((r) => consumed(log.topic, r)),
            stopping: () => this.stopped,
          }),
        );
        if (!handled) return;
        await group.commit(log.topic, batch.next.offset);
        this.delivery.committed(partition);
        cursor = batch.next;
      } catch (error) {
        this.logger.error(
          `${partition}: ${error instanceof Error ? error.message : String(error)}; retrying`,
        );
        await this.pause(this.options.retryMaxMs);
      }
    }
  }

  /**
   * The next batch from `cursor`, after waiting for a first record and then, while the batch is
   * under minBytes, for more until maxWaitMs; undefined when woken by stop.
   */
  private async nextBatch(log: TopicLog, cursor: Cursor): Promise<ReadResult | undefined> {
    await this.until(log, cursor.offset);
    const deadline = Date.now() + this.options.maxWaitMs;
    for (;;) {
      if (this.stopped) return undefined;
      const batch = await log.read(cursor, this.options.maxBytesPerPartition);
      const left = deadline - Date.now();
      if (
        batch.bytes >= this.options.minBytes ||
        left <= 0 ||
        batch.bytes >= this.options.maxBytesPerPartition
      )
        return batch.records.length > 0 ? batch : undefined;
      await this.until(log, batch.next.offset, left);
    }
  }

  /** Waits for a record at `offset` (or a stop), at most `timeoutMs`. */
  private until(log: TopicLog, offset: number, timeoutMs?: number): Promise<void> {
    return this.interruptible(log.whenBeyond(offset), timeoutMs);
  }

  /** Sleeps `ms`, or less if the consumer stops. */
  private pause(ms: number): Promise<void> {
    let cancel: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => {
      cancel = resolve;
    });
    return this.interruptible({ reached, cancel }, ms);
  }

  private async interruptible(
    { reached, cancel }: { reached: Promise<void>; cancel: () => void },
    timeoutMs?: number,
  ): Promise<void> {
    const timer = timeoutMs === undefined ? undefined : setTimeout(cancel, timeoutMs);
    this.wakeups.add(cancel);
    if (this.stopped) cancel();
    try {
      await reached;
    } finally {
      clearTimeout(timer);
      this.wakeups.delete(cancel);
    }
  }
}
