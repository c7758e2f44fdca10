import type { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay } from '@libs/platform';
import { LoopProgress, type LoopVerdict } from './domain/loop-progress';
import type { IocSyncEnv } from './ioc-sync.env';

/** What one step tells the loop: run again at once, wait the interval, or back off. */
export type StepOutcome = 'again' | 'idle' | 'back_off';

export interface SyncLoopOptions {
  intervalMs: number;
  retryInitialMs: number;
  retryMaxMs: number;
  /** A step running longer than this is stuck (liveness). */
  stallAfterMs: number;
}

export const loopOptionsOf = (env: IocSyncEnv): SyncLoopOptions => ({
  intervalMs: env.IOC_SYNC_INTERVAL_MS,
  retryInitialMs: env.IOC_SYNC_RETRY_INITIAL_MS,
  retryMaxMs: env.IOC_SYNC_RETRY_MAX_MS,
  stallAfterMs: env.IOC_SYNC_STALL_AFTER_MS,
});

/**
 * Runs a step until stopped. A step that throws (ClickHouse unavailable, …) is logged and retried
 * with back-off: the loop is the process's reason to live, and every step resumes from durable state.
 */
export class SyncLoop {
  private stopped = false;
  private running?: Promise<void>;
  private readonly abort = new AbortController();
  private readonly progress: LoopProgress;

  constructor(
    private readonly name: string,
    private readonly step: () => Promise<StepOutcome>,
    private readonly options: SyncLoopOptions,
    private readonly logger: Logger,
  ) {
    this.progress = new LoopProgress(name, options.stallAfterMs);
  }

  start(): void {
    this.progress.started();
    this.running = this.run();
  }

  verdict(): LoopVerdict {
    return this.progress.verdict();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let outcome: StepOutcome;
      this.progress.stepStarted();
      try {
        outcome = await this.step();
      } catch (error) {
        this.logger.error(
          `${this.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        outcome = 'back_off';
      }
      this.progress.stepEnded(outcome === 'back_off');
      failures = outcome === 'back_off' ? failures + 1 : 0;
      const wait =
        outcome === 'again'
          ? 0
          : outcome === 'idle'
            ? this.options.intervalMs
            : backoffDelay(failures, this.options.retryInitialMs, this.options.retryMaxMs);
      if (wait > 0) await sleep(wait, undefined, { signal: this.abort.signal }).catch(() => undefined);
    }
  }
}
