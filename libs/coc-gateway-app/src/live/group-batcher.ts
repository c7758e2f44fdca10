interface Waiting<V> {
  promise: Promise<V>;
  resolve(value: V): void;
  reject(error: unknown): void;
}

function waiting<V>(): Waiting<V> {
  let resolve!: (value: V) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<V>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Loads keys in batches, one batch at a time: keys asked while a batch runs wait and go together
 * in the next, so a burst of requests costs a few loads rather than one each. A key asked again
 * before its answer came shares that answer. `loadAll` answers each key with its value or the error
 * that key alone met; a thrown error fails the whole batch.
 */
export class GroupBatcher<K, V> {
  private readonly queued = new Map<K, Waiting<V>>();
  private readonly inFlight = new Map<K, Promise<V>>();
  private running = false;
  private kicked = false;

  constructor(private readonly loadAll: (keys: K[]) => Promise<ReadonlyMap<K, V | Error>>) {}

  load(key: K): Promise<V> {
    const known = this.inFlight.get(key) ?? this.queued.get(key)?.promise;
    if (known) return known;
    const entry = waiting<V>();
    this.queued.set(key, entry);
    this.kick();
    return entry.promise;
  }

  /** Starts the next batch once the current turn's callers have asked (a microtask, not a timer). */
  private kick(): void {
    if (this.running || this.kicked) return;
    this.kicked = true;
    void Promise.resolve().then(() => {
      this.kicked = false;
      return this.next();
    });
  }

  private async next(): Promise<void> {
    if (this.running || this.queued.size === 0) return;
    const batch = new Map(this.queued);
    this.queued.clear();
    this.running = true;
    for (const [key, entry] of batch) this.inFlight.set(key, entry.promise);
    try {
      const answers = await this.loadAll([...batch.keys()]);
      for (const [key, entry] of batch) {
        const answer = answers.get(key);
        if (answer === undefined) entry.reject(new Error(`no answer for ${String(key)}`));
        else if (answer instanceof Error) entry.reject(answer);
        else entry.resolve(answer);
      }
    } catch (error) {
      for (const entry of batch.values()) entry.reject(error);
    } finally {
      for (const key of batch.keys()) this.inFlight.delete(key);
      this.running = false;
    }
    this.kick();
  }
}
