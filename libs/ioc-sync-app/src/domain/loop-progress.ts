/** What a loop's progress says: started, and not stuck inside a step beyond the stall limit. */
export interface LoopVerdict {
  loop: string;
  started: boolean;
  stalled: boolean;
  /** Steps completed since start-up, whether they succeeded or threw. */
  steps: number;
  /**
   * Steps in a row that ended in back-off (one threw, e.g. ClickHouse down, or every upstream link
   * failed): visible, but not a reason to restart.
   */
  failuresInRow: number;
  lastStepAt: string | null;
  /** How long the current step has run; null between steps (waiting is not being stuck). */
  inStepMs: number | null;
}

/**
 * Progress of one loop, for liveness: a loop is stalled only while a single step has run longer
 * than `stallAfterMs`. Every step ends by itself (requests and queries have time limits), so one
 * that does not is stuck and a restart is what frees it; a failing step still ends and is retried.
 */
export class LoopProgress {
  private startedAt?: number;
  private stepStartedAt?: number;
  private lastStepAt?: number;
  private steps = 0;
  private failuresInRow = 0;

  constructor(
    readonly loop: string,
    private readonly stallAfterMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  started(): void {
    this.startedAt = this.now();
  }

  stepStarted(): void {
    this.stepStartedAt = this.now();
  }

  stepEnded(backedOff: boolean): void {
    this.stepStartedAt = undefined;
    this.lastStepAt = this.now();
    this.steps += 1;
    this.failuresInRow = backedOff ? this.failuresInRow + 1 : 0;
  }

  verdict(): LoopVerdict {
    const inStepMs = this.stepStartedAt === undefined ? null : this.now() - this.stepStartedAt;
    return {
      loop: this.loop,
      started: this.startedAt !== undefined,
      stalled: inStepMs !== null && inStepMs > this.stallAfterMs,
      steps: this.steps,
      failuresInRow: this.failuresInRow,
      lastStepAt: this.lastStepAt === undefined ? null : new Date(this.lastStepAt).toISOString(),
      inStepMs,
    };
  }
}
