import { StorageRejectedError } from '../ports/storage-rejected.error';

interface Writer<T> {
  rows: readonly T[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for one table: rows handed in while an insert into it is in flight wait for that
 * insert and then go together in one, so the batches of concurrently consumed partitions make one
 * ClickHouse part (and one set of view parts) rather than one each. Every caller learns the fate of
 * exactly its own rows: when the store refuses a grouped insert for its content, each caller's rows
 * are inserted again alone, so the refusal reaches only the batch holding the refused row; any
 * other failure (the store went away) reaches every caller of the group, which retries as usual.
 */
export class GroupCommit<T> {
  private readonly waiting: Writer<T>[] = [];
  private draining = false;

  constructor(
    private readonly insert: (rows: readonly T[]) => Promise<void>,
    /** A group stops growing at this many rows (a larger single write still goes, alone). */
    private readonly maxRows: number,
  ) {}

  /** Resolves once these rows are stored; rejects with the store's error for them. */
  write(rows: readonly T[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      if (this.draining) return;
      // The batches of one fetch are handed in within the same turn of the event loop: wait for
      // the turn to end, so they make one insert, not one alone and the rest together.
      this.draining = true;
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) await this.commit(this.nextGroup());
    this.draining = false;
  }

  private nextGroup(): Writer<T>[] {
    const group = [this.waiting.shift() as Writer<T>];
    let rows = group[0].rows.length;
    while (this.waiting.length > 0 && rows + this.waiting[0].rows.length <= this.maxRows) {
      const next = this.waiting.shift() as Writer<T>;
      rows += next.rows.length;
      group.push(next);
    }
    return group;
  }

  private async commit(group: readonly Writer<T>[]): Promise<void> {
    try {
      await this.insert(group.length === 1 ? group[0].rows : group.flatMap((w) => w.rows));
      for (const writer of group) writer.resolve();
    } catch (error) {
      if (group.length === 1 || !(error instanceof StorageRejectedError)) {
        for (const writer of group) writer.reject(error);
        return;
      }
      await Promise.all(group.map((w) => this.insert(w.rows).then(w.resolve, w.reject)));
    }
  }
}
