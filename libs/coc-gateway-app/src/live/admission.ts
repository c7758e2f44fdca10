/**
 * Admits new screen connections at a steady rate (a token bucket) up to a ceiling of open ones,
 * so a gateway restart with hundreds of screens reconnecting does not recompute hundreds of
 * snapshots at once. A refused screen is told when to try again (with jitter on its side).
 */
export class AdmissionGate {
  private tokens: number;
  private updatedAt: number;
  private open = 0;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly maxOpen: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.updatedAt = now();
  }

  /** 0 when admitted (the caller must later call `release`), else milliseconds to wait. */
  admit(): number {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = t;
    if (this.open >= this.maxOpen) return 5_000;
    if (this.tokens < 1) return Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
    this.tokens -= 1;
    this.open += 1;
    return 0;
  }

  release(): void {
    this.open = Math.max(0, this.open - 1);
  }
}
