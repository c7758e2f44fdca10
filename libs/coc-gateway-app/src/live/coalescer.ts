/**
 * Gathers what became dirty per key and runs `flush` for a key at most once per `intervalMs`:
 * the first change after a quiet spell goes out at once, a burst is folded into one run. A failed
 * run puts its items back and retries after the interval, so no change is dropped.
 */
export class Coalescer<K> {
  private readonly pending = new Map<K, Set<string>>();
  private readonly timers = new Map<K, NodeJS.Timeout>();
  private readonly running = new Set<K>();
  private readonly lastRun = new Map<K, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly flush: (key: K, items: ReadonlySet<string>) => Promise<void>,
    private readonly onError: (key: K, error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  mark(key: K, items: Iterable<string>): void {
    const set = this.pending.get(key) ?? new Set<string>();
    for (const item of items) set.add(item);
    if (set.size === 0) return;
    this.pending.set(key, set);
    this.schedule(key);
  }

  /** Forgets a key (its screens are gone). */
  drop(key: K): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.pending.delete(key);
    this.lastRun.delete(key);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
  }

  private schedule(key: K): void {
    if (this.timers.has(key) || this.running.has(key)) return;
    const since = this.now() - (this.lastRun.get(key) ?? -Infinity);
    const delay = Math.max(0, this.intervalMs - since);
    this.timers.set(
      key,
      setTimeout(() => void this.run(key), delay),
    );
  }

  private async run(key: K): Promise<void> {
    this.timers.delete(key);
    const items = this.pending.get(key);
    if (!items) return;
    this.pending.delete(key);
    this.running.add(key);
    try {
      await this.flush(key, items);
    } catch (error) {
      this.onError(key, error);
      const again = this.pending.get(key) ?? new Set<string>();
      items.forEach((i) => again.add(i));
      this.pending.set(key, again);
    } finally {
      this.running.delete(key);
      this.lastRun.set(key, this.now());
    }
    if (this.pending.has(key)) this.schedule(key);
  }
}
