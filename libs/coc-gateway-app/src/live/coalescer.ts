/**
 * Gathers what became dirty per key and flushes the due keys together, each key's runs starting at
 * least `intervalMs` apart: the first change after a quiet spell goes out at once (with every other
 * key due), a burst is folded into one run. One batch runs at a time; keys that fall due meanwhile
 * wait for it and go together in the next, so a busy gateway makes bigger batches rather than more.
 * Keys the flush reports failed (or every key of a batch that throws) keep their items and are
 * retried after the interval, so no change is dropped.
 */
export class Coalescer<K> {
  private readonly pending = new Map<K, Set<string>>();
  private readonly lastRun = new Map<K, number>();
  private timer?: NodeJS.Timeout;
  private timerAt = Infinity;
  private running = false;
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    /** Recomputes a batch; answers the keys that failed, with their error. */
    private readonly flush: (batch: ReadonlyMap<K, ReadonlySet<string>>) => Promise<ReadonlyMap<K, unknown>>,
    private readonly onError: (keys: readonly K[], error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  mark(key: K, items: Iterable<string>): void {
    const set = this.pending.get(key) ?? new Set<string>();
    for (const item of items) set.add(item);
    if (set.size === 0) return;
    this.pending.set(key, set);
    this.schedule(this.dueAt(key));
  }

  /** Forgets a key (its screens are gone). */
  drop(key: K): void {
    this.pending.delete(key);
    this.lastRun.delete(key);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
    this.pending.clear();
  }

  private dueAt(key: K): number {
    return (this.lastRun.get(key) ?? -Infinity) + this.intervalMs;
  }

  private schedule(at: number): void {
    if (this.stopped || this.running || this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => void this.run(), Math.max(0, at - this.now()));
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.now();
    const batch = new Map<K, Set<string>>();
    for (const [key, items] of this.pending) if (this.dueAt(key) <= now) batch.set(key, items);
    for (const key of batch.keys()) this.pending.delete(key);
    if (batch.size > 0) {
      // The interval runs from a run's start: a change that came during a slow run goes out as soon
      // as that run ends, not an interval after it (the one-run-at-a-time rule still bounds the load).
      for (const key of batch.keys()) this.lastRun.set(key, now);
      this.running = true;
      let failed: ReadonlyMap<K, unknown>;
      try {
        failed = await this.flush(batch);
      } catch (error) {
        failed = new Map([...batch.keys()].map((key) => [key, error]));
      } finally {
        this.running = false;
      }
      this.putBack(batch, failed);
    }
    this.forgetQuietKeys();
    let next = Infinity;
    for (const key of this.pending.keys()) next = Math.min(next, this.dueAt(key));
    if (next < Infinity) this.schedule(next);
  }

  /** The failed keys' items wait for the next run; one report per distinct error. */
  private putBack(batch: ReadonlyMap<K, Set<string>>, failed: ReadonlyMap<K, unknown>): void {
    const byError = new Map<unknown, K[]>();
    for (const [key, error] of failed) {
      const items = batch.get(key);
      if (!items) continue;
      byError.set(error, [...(byError.get(error) ?? []), key]);
      const again = this.pending.get(key) ?? new Set<string>();
      items.forEach((i) => again.add(i));
      this.pending.set(key, again);
    }
    for (const [error, keys] of byError) this.onError(keys, error);
  }

  /** A key whose last run is an interval old is as due as one that never ran. */
  private forgetQuietKeys(): void {
    const now = this.now();
    for (const [key, at] of this.lastRun) if (at + this.intervalMs <= now) this.lastRun.delete(key);
  }
}
