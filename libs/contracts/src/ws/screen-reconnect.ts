/*
 * How a wall screen comes back after a gateway restart, shared by the page and the tests that
 * load-test it: hundreds of screens dropped at once must not return at once.
 */

/**
 * Delay before the next connection attempt: exponential from `baseMs` up to `maxMs`, never less
 * than what the gateway asked for, with full jitter so screens restarted together spread out.
 */
export function reconnectDelay(
  attempt: number,
  random: number,
  { baseMs = 1_000, maxMs = 30_000, retryAfterMs = 0 } = {},
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.max(retryAfterMs, 0) + Math.round(ceiling * (0.5 + random / 2));
}

/**
 * A screen's reconnection loop: after a drop or a refusal it connects again after
 * `reconnectDelay`, one attempt pending at a time; a connection resets the back-off.
 */
export class Reconnector {
  private attempt = 0;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly connect: () => void,
    private readonly random: () => number = Math.random,
  ) {}

  /** Failed attempts since the last connection. */
  get attempts(): number {
    return this.attempt;
  }

  connected(): void {
    this.attempt = 0;
  }

  /** The connection dropped or was refused (`retryAfterMs`: the gateway's own wait). */
  lost(retryAfterMs?: number): void {
    if (this.timer !== undefined) return;
    const delay = reconnectDelay(this.attempt, this.random(), { retryAfterMs });
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connect();
    }, delay);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
