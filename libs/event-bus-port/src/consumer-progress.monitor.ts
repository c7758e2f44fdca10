import { Logger } from '@nestjs/common';
import { ConsumerProgressTracker, type ProgressVerdict } from './consumer-progress';
import type { EventBus } from './event-bus.port';

export interface ConsumerProgressOptions {
  groupId: string;
  topics: readonly string[];
  pollMs: number;
  stallAfterMs: number;
  /** Called with every sample, e.g. to publish the lag as metrics. */
  onSample?: (groupId: string, verdict: ProgressVerdict) => void;
}

/**
 * Samples a consumer group's committed offsets against the log ends through the bus, from
 * outside the consumer, so a consumer stuck inside a batch is still measured.
 */
export class ConsumerProgressMonitor {
  private readonly logger: Logger;
  private readonly tracker: ConsumerProgressTracker;
  private timer?: NodeJS.Timeout;
  private sampled = false;

  constructor(
    private readonly bus: EventBus,
    private readonly options: ConsumerProgressOptions,
  ) {
    this.logger = new Logger(`ConsumerProgress:${options.groupId}`);
    this.tracker = new ConsumerProgressTracker(options.stallAfterMs);
  }

  async start(): Promise<void> {
    await this.sampleSafely();
    this.timer = setInterval(() => void this.sampleSafely(), this.options.pollMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Undefined until the first sample succeeded. */
  verdict(): ProgressVerdict | undefined {
    return this.sampled ? this.tracker.verdict() : undefined;
  }

  private async sampleSafely(): Promise<void> {
    try {
      const offsets = await this.bus.groupOffsets(this.options.groupId, this.options.topics);
      this.tracker.observe(offsets, Date.now());
      this.sampled = true;
      this.options.onSample?.(this.options.groupId, this.tracker.verdict());
    } catch (error) {
      // A bus outage shows in readiness; the last verdict stands until sampling works again.
      this.logger.warn(`cannot sample offsets: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
