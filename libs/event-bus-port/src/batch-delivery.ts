import { Logger } from '@nestjs/common';
import { backoffDelay } from '@libs/platform';
import type { BatchHandler, ConsumedRecord, ConsumerHealth, ConsumerState } from './event-bus.port';

/** Something to keep telling the bus while a batch takes long: Kafka's group heartbeat. */
export interface KeepAlive {
  intervalMs: number;
  /** A rejection (the group is rebalancing) ends the delivery uncommitted; it is thrown to the caller. */
  beat(): Promise<void>;
}

export interface Batch {
  /** The partition as topic[partition], the key of its retry state. */
  partition: string;
  records: ConsumedRecord[];
  /** True once the consumer stops or loses the partition: the batch is abandoned uncommitted. */
  stopping(): boolean;
  keepAlive?: KeepAlive;
}

/** What a consumer knows of itself beyond its batches: whether it has joined, or stopped. */
export type ConsumerPhase = 'starting' | 'running' | 'stopped';

interface Failure {
  attempts: number;
  error: string;
}

type Attempt = { ok: true } | { ok: false; error: unknown };

/** Without a keep-alive, how often a back-off looks whether the consumer stopped. */
const STOP_CHECK_MS = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The delivery loop every group consumer shares, whatever the bus: the handler gets the whole
 * batch; a failure (infrastructure: ClickHouse down) is retried with capped back-off for as long as
 * it lasts, with the error in the health report, and nothing is committed until it succeeds.
 * Retrying here rather than re-reading keeps the batch in memory and one place where offsets move.
 */
export class BatchDelivery {
  private readonly logger: Logger;
  private readonly failing = new Map<string, Failure>();
  private lastError?: { message: string; at: string };
  private lastCommitAt?: string;

  constructor(
    private readonly groupId: string,
    private readonly retry: { retryInitialMs: number; retryMaxMs: number },
    private readonly handle: BatchHandler,
  ) {
    this.logger = new Logger(`GroupConsumer:${groupId}`);
  }

  /**
   * Resolves true once the handler resolved (the caller commits, then calls committed()), false
   * when the consumer stopped first. A keep-alive failure is thrown once the handler has settled.
   */
  async deliver(batch: Batch): Promise<boolean> {
    if (batch.records.length === 0) return false;
    for (let attempt = 1; ; attempt++) {
      if (batch.stopping()) return false;
      const result = await this.attempt(batch);
      if (result.ok) return !batch.stopping();
      const delay = backoffDelay(attempt, this.retry.retryInitialMs, this.retry.retryMaxMs);
      const message = errorMessage(result.error);
      this.failing.set(batch.partition, { attempts: attempt, error: message });
      this.lastError = { message, at: new Date().toISOString() };
      this.logger.warn(
        `batch ${batch.partition}@${batch.records[0].offset} failed (attempt ${attempt}), retrying in ${delay} ms: ${message}`,
      );
      await this.backOff(batch, delay);
    }
  }

  /** The batch's offsets are committed: the partition is healthy again. */
  committed(partition: string): void {
    this.failing.delete(partition);
    this.lastCommitAt = new Date().toISOString();
  }

  /** Partitions that moved to another member are no longer ours to report as failing. */
  forgetUnless(assigned: (partition: string) => boolean): void {
    for (const partition of [...this.failing.keys()])
      if (!assigned(partition)) this.failing.delete(partition);
  }

  health(phase: ConsumerPhase): ConsumerHealth {
    const failures = [...this.failing.values()];
    const state: ConsumerState =
      phase === 'stopped'
        ? 'stopped'
        : phase === 'starting'
          ? 'starting'
          : failures.length > 0
            ? 'retrying'
            : 'consuming';
    return {
      state,
      groupId: this.groupId,
      consecutiveFailures: Math.max(0, ...failures.map((f) => f.attempts)),
      ...(this.lastError && { lastError: this.lastError.message, lastErrorAt: this.lastError.at }),
      ...(this.lastCommitAt && { lastCommitAt: this.lastCommitAt }),
      ...(failures.length > 0 && { retryingPartitions: [...this.failing.keys()].sort() }),
    };
  }

  /**
   * One handler call with keep-alives alongside it, so a slow or hanging store (up to its request
   * timeout) cannot outlast a Kafka session. Handler errors are returned, keep-alive errors thrown.
   */
  private async attempt({ records, keepAlive }: Batch): Promise<Attempt> {
    let keepAliveError: { error: unknown } | undefined;
    let beat: Promise<void> = Promise.resolve();
    const timer =
      keepAlive &&
      setInterval(() => {
        beat = beat.then(() =>
          keepAlive.beat().catch((error: unknown) => {
            keepAliveError ??= { error };
          }),
        );
      }, keepAlive.intervalMs);
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
    if (keepAliveError) throw keepAliveError.error;
    return result;
  }

  /** Waits before the next attempt in slices, keeping alive and watching for a stop. */
  private async backOff(batch: Batch, ms: number): Promise<void> {
    const keepAlive = batch.keepAlive;
    const slice = keepAlive?.intervalMs ?? STOP_CHECK_MS;
    const until = Date.now() + ms;
    for (let left = ms; left > 0 && !batch.stopping(); left = until - Date.now()) {
      await sleep(Math.min(left, slice));
      await keepAlive?.beat();
    }
  }
}
