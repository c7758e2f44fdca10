import { Logger } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { ConsumerProgressTracker, type PartitionOffsets, type ProgressVerdict } from './consumer-progress';
import type { KafkaConnection } from './kafka.connection';

export interface ConsumerProgressOptions {
  groupId: string;
  topics: readonly string[];
  pollMs: number;
  stallAfterMs: number;
  /** Called with every sample, e.g. to publish the lag as metrics. */
  onSample?: (groupId: string, verdict: ProgressVerdict) => void;
}

/**
 * Samples a consumer group's committed offsets against the log ends with the admin client, from
 * outside the consumer, so a consumer stuck inside a batch is still measured.
 */
export class ConsumerProgressMonitor {
  private readonly logger: Logger;
  private readonly tracker: ConsumerProgressTracker;
  private admin?: Admin;
  private timer?: NodeJS.Timeout;
  private sampled = false;

  constructor(
    private readonly connection: KafkaConnection,
    private readonly options: ConsumerProgressOptions,
  ) {
    this.logger = new Logger(`ConsumerProgress:${options.groupId}`);
    this.tracker = new ConsumerProgressTracker(options.stallAfterMs);
  }

  async start(): Promise<void> {
    this.admin = this.connection.kafka.admin();
    await this.admin.connect();
    await this.sampleSafely();
    this.timer = setInterval(() => void this.sampleSafely(), this.options.pollMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.admin?.disconnect();
  }

  /** Undefined until the first sample succeeded. */
  verdict(): ProgressVerdict | undefined {
    return this.sampled ? this.tracker.verdict() : undefined;
  }

  private async sampleSafely(): Promise<void> {
    try {
      this.tracker.observe(await this.sample(), Date.now());
      this.sampled = true;
      this.options.onSample?.(this.options.groupId, this.tracker.verdict());
    } catch (error) {
      // A broker outage shows in readiness; the last verdict stands until sampling works again.
      this.logger.warn(`cannot sample offsets: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async sample(): Promise<PartitionOffsets[]> {
    const admin = this.admin;
    if (!admin) return [];
    const topics = this.options.topics.map((t) => this.connection.physicalTopic(t));
    const committed = await admin.fetchOffsets({ groupId: this.options.groupId, topics });
    const ends = await Promise.all(
      topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) })),
    );
    const committedAt = new Map(
      committed.flatMap((t) =>
        t.partitions.map((p) => [`${t.topic}[${p.partition}]`, Number(p.offset)] as const),
      ),
    );
    return ends.flatMap(({ topic, offsets }) =>
      offsets.map((p) => ({
        topic: this.connection.logicalTopic(topic),
        partition: p.partition,
        committed: committedAt.get(`${topic}[${p.partition}]`) ?? -1,
        logStart: Number(p.low),
        logEnd: Number(p.high),
      })),
    );
  }
}
