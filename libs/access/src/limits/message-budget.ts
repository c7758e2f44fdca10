/**
 * How many messages one socket may still send: `limit` per fixed window. `take` answers 0 when the
 * message may go through, else the milliseconds until the window ends.
 */
export class MessageBudget {
  private windowStart: number;
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.windowStart = now();
  }

  take(): number {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      this.windowStart = t;
      this.used = 0;
    }
    if (this.used >= this.limit) return this.windowStart + this.windowMs - t;
    this.used += 1;
    return 0;
  }
}
